from django.apps import AppConfig
from django.db.models.signals import post_save


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = "Intake tracker"

    def ready(self):
        from foods.models import Food

        # The catalogue app knows nothing of recipes (foods imports nothing from tracker):
        # tracker listens for a saved food instead, whoever saves it (the own-food form,
        # the admin, the API).
        post_save.connect(_food_saved, sender=Food, dispatch_uid="tracker-recipes-food-saved")


def _food_saved(sender, instance, raw=False, **kwargs):
    from foods.models import RECIPE_CATEGORY
    from tracker.models.recipes import refresh_recipes_using

    # Only a person's own food can be in their recipes besides catalogue rows, whose
    # values the recipe keeps as it was saved (as entries keep theirs); a recipe's own
    # food is rewritten by the recipe, which then rewrites the dishes that use it.
    if raw or instance.owner_id is None or instance.category == RECIPE_CATEGORY:
        return
    refresh_recipes_using(instance)
