"""Bringing a history in: Cronometer's servings.csv, MyFitnessPal's Nutrition export and
mgk's own backup.  ``table`` reads any such CSV safely, ``cronometer`` and
``myfitnesspal`` turn its rows into entries' values (pure: no database), ``backup``
writes and reads mgk's own file, ``store`` writes a preview's rows in one transaction."""
