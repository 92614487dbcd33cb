from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


def catalogue_changed(sender, **kwargs) -> None:
    from foods.models import CatalogueVersion

    CatalogueVersion.bump()


class FoodsConfig(AppConfig):
    name = "foods"
    verbose_name = "Food catalogue"

    def ready(self) -> None:
        # Any food saved or deleted (a person's own food too, which their search shows).
        post_save.connect(catalogue_changed, sender="foods.Food", dispatch_uid="catalogue-save")
        post_delete.connect(catalogue_changed, sender="foods.Food", dispatch_uid="catalogue-delete")
