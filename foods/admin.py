from django.contrib import admin

from foods.models import Food, Portion


class PortionInline(admin.TabularInline):
    model = Portion
    extra = 0
    fields = ["seq", "label", "grams"]


@admin.register(Food)
class FoodAdmin(admin.ModelAdmin):
    list_display = [
        "description",
        "category",
        "source",
        "source_id",
        "magnesium_mg",
        "potassium_mg",
        "energy_kcal",
        "sodium_mg",
        "popularity",
        "owner",
    ]
    list_filter = ["source", "popularity", "is_supplement", "category"]
    search_fields = ["description", "source_id"]
    readonly_fields = ["updated_at"]
    raw_id_fields = ["owner"]
    inlines = [PortionInline]
    list_per_page = 50


@admin.register(Portion)
class PortionAdmin(admin.ModelAdmin):
    list_display = ["label", "grams", "food", "seq"]
    search_fields = ["label", "food__description"]
    list_filter = ["food__source"]
    raw_id_fields = ["food"]
    list_select_related = ["food"]
