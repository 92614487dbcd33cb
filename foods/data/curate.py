"""Rebuild ``catalogue.csv`` from the USDA SR Legacy extract kept beside the project.

This is how the shipped default catalogue was chosen; it is kept so the choice can be
reviewed and redone, not run by the app.  Usage::

    python foods/data/curate.py ../shared/data/usda > foods/data/catalogue.csv

Foods are picked by the head of their description (the part before the first comma,
which is how SR names the plain food) and then the simplest descriptions win; the
foods the mission names are pinned by FDC id so they can never drop out.

Each food's portions are USDA's household measures in USDA's order, except that the
first one is the portion a person eats at once (``DEFAULT_PORTIONS``): the app offers it
first when someone logs a food for the first time.

Each food's everyday name (the ``name`` column: "Banana", "Oatmeal, cooked with water")
is ours, written by hand; a rebuild keeps the names of the ``catalogue.csv`` it replaces,
and a food new to the list needs its name written there (a test checks every row has one).
"""

import csv
import re
import sys
from pathlib import Path

# FDC ids the mission names explicitly (DOMAIN.md): they must be in the catalogue.
PINNED = {
    168462: "Spinach, raw",
    168421: "Kale, raw",
    170567: "Nuts, almonds",
    170556: "Seeds, pumpkin and squash seed kernels, dried",
    173735: "Beans, black, mature seeds, cooked, boiled, without salt",
    172421: "Lentils, mature seeds, cooked, boiled, without salt",
    171705: "Avocados, raw, all commercial varieties",
    173944: "Bananas, raw",
    171697: "Apricots, raw",
    169097: "Oranges, raw, all commercial varieties",
    170093: "Potatoes, baked, flesh and skin, without salt",
    169296: "Squash, winter, butternut, cooked, baked, without salt",
    171265: "Milk, whole, 3.25% milkfat, with added vitamin D",
    171284: "Yogurt, plain, whole milk",
    170886: "Yogurt, plain, low fat",
    175168: "Fish, salmon, Atlantic, farmed, cooked, dry heat",
    173686: "Fish, salmon, Atlantic, wild, raw",
    171955: "Fish, cod, Atlantic, raw",
    171956: "Fish, cod, Atlantic, cooked, dry heat",
    169705: "Oats",
    169704: "Rice, brown, long-grain, cooked",
    172688: "Bread, whole-wheat, commercially prepared",
    168917: "Quinoa, cooked",
}

# Everyday staples that the head rules below would miss or pick an odd variant of.
EVERYDAY = [
    171477,
    173709,
    170899,
    168878,
    172475,
    170894,
    171287,
    172187,
    175194,
    173757,
    170554,
    170562,
    170187,
    172470,
    170457,
    171889,
    168820,
    168483,
    169967,
    168463,
    170440,
    169737,
    172818,
    173904,
    173905,
    170870,
    171269,
    171796,
    175159,
    175119,
    175139,
    168250,
    169248,
    168409,
    170000,
    174683,
    171688,
    169917,
    169098,
    173647,
    170845,
    171247,
    173410,
    171413,
    169291,
    175203,
    175200,
    172420,
    172446,
    170571,
    170569,
    169414,
    170150,
    170686,
    169593,
]

# The portion a person eats at once, which the catalogue lists first (the add form
# preselects it for a food never logged before).  A string names one of USDA's household
# measures of that food, moved to the front; a (label, grams) pair is a well-known measure
# of our own, put before USDA's.  A food not listed here already leads with such a portion.
# Dry grains are offered as the dry amount that cooks to about one bowl (1 cup cooked).
DEFAULT_PORTIONS: dict[int, str | tuple[str, float]] = {
    # Fruit: one medium fruit (or a half, a wedge, an apricot), not a cup of it sliced.
    171688: '1 medium (3" dia)',  # apples, with skin
    171689: '1 medium (3" dia)',  # apples, without skin
    171697: "1 apricot",
    171705: ("0.5 avocado", 100.5),  # half of USDA's 201 g avocado
    171707: ("0.5 fruit", 152),  # Florida avocado: half of USDA's 304 g fruit
    173944: '1 medium (7" to 7-7/8" long)',  # bananas
    173021: '1 medium (2-1/4" dia)',  # figs, raw
    173034: '0.5 fruit (3-3/4" dia)',  # grapefruit, Florida
    174676: '0.5 fruit (3-3/4" dia)',  # grapefruit
    173044: "1 fruit, without refuse",  # guavas
    168153: '1 fruit (2" dia)',  # kiwifruit
    167746: '1 wedge or slice (1/8 of one 2-1/8" dia lemon)',
    169914: '1 medium (2-1/2" dia)',  # nectarines
    169918: '1 fruit (2-5/8" dia)',  # oranges, Florida
    169097: '1 fruit (2-5/8" dia)',  # oranges
    169917: '1 fruit (2-7/8" dia)',  # oranges, navels
    169928: '1 medium (2-2/3" dia)',  # peaches
    169118: "1 medium",  # pears
    169949: '1 fruit (2-1/8" dia)',  # plums
    # Canned, frozen and stewed fruit: half a cup (half of USDA's cup).
    167768: ("0.5 cup, halves", 109.5),  # apricots, canned
    171703: ("0.5 cup", 121),  # apricots, frozen
    168181: "1 half",  # peaches, canned
    174666: ("0.5 cup", 129.5),  # figs, stewed
    168161: ("0.5 cup", 140),  # prunes, stewed
    168172: ("0.5 cup", 127),  # strawberries, canned
    # Dried fruit: one fruit, an ounce or a quarter cup.
    171691: ("1 oz", 28.35),  # apples, dried
    173945: ("1 oz", 28.35),  # bananas, dehydrated
    171726: "1 date, pitted",  # dates, deglet noor
    174665: "1 fig",  # figs, dried
    169934: "1 half",  # peaches, dried
    168160: ("1 oz", 28.35),  # prunes
    168164: ("0.25 cup", 36.25),  # raisins, golden: a quarter of the unpacked cup
    168166: ("0.25 cup", 36.25),  # raisins, seeded
    # Nuts and seeds: 1 oz, or 1 tbsp of small seeds, never a cup.
    170567: "1 oz (23 whole kernels)",  # almonds
    170569: "1 oz (6 kernels)",  # brazil nuts
    170571: "1 oz",  # cashews
    170169: '1 piece (2" x 2" x 1/2")',  # coconut meat
    170174: "1 coconut yields",  # coconut water: one coconut's worth
    170176: "1 oz (14 kernels)",  # ginkgo nuts, canned
    170581: "1 oz (21 whole kernels)",  # hazelnuts
    170182: "1 oz (19 halves)",  # pecans
    170187: "1 oz (14 halves)",  # walnuts
    170556: "1 oz",  # pumpkin seeds
    170150: "1 tbsp",  # sesame seeds
    170562: ("1 oz", 28.35),  # sunflower seed kernels
    174263: "1 oz",  # peanuts, spanish
    172432: "1 oz",  # peanuts, valencia
    172434: "1 oz",  # peanuts, virginia
    172441: ("1 oz", 28.35),  # soybeans, dry roasted
    # Beans and lentils, cooked or canned: half a cup (half of USDA's cup).
    168128: ("0.5 cup", 126.5),  # baked beans, no salt added
    175182: ("0.5 cup", 127),  # baked beans, plain
    175183: ("0.5 cup", 133),  # baked beans, with beef
    175184: ("0.5 cup", 129.5),  # baked beans, with franks
    175185: ("0.5 cup", 126.5),  # baked beans, with pork
    173732: ("0.5 cup", 124.5),  # baked beans, with pork and sweet sauce
    173731: ("0.5 cup", 126.5),  # baked beans, home prepared
    173735: ("0.5 cup", 86),  # black beans
    175194: ("0.5 cup", 88.5),  # kidney beans
    174286: ("0.5 cup", 85),  # pinto, canned: USDA's rinsed canned pinto weighs 169 g a cup
    175200: ("0.5 cup", 85.5),  # pinto beans
    175203: ("0.5 cup", 89.5),  # white beans
    173757: ("0.5 cup", 82),  # chickpeas
    172421: ("0.5 cup", 99),  # lentils
    168411: ("0.5 cup", 77.5),  # edamame, prepared
    168410: ("0.5 cup", 59),  # edamame, frozen
    169282: ("0.5 cup", 128),  # soybeans, green
    169886: ("3 oz", 85),  # meatless chicken
    # Dry beans and lentils: a quarter cup, dry.
    172420: ("0.25 cup, dry", 48),  # lentils
    174270: ("0.25 cup, dry", 46.5),  # soybeans
    # Grains, dry: the amount that cooks to about one bowl.
    170682: ("0.33 cup, dry (about 1 cup cooked)", 64.3),  # amaranth
    170283: ("0.25 cup, dry (about 1 cup cooked)", 46),  # barley, hulled
    170284: ("0.25 cup, dry (about 1 cup cooked)", 50),  # barley, pearled
    170685: ("0.25 cup, dry (about 1 cup cooked)", 41),  # buckwheat groats
    170688: ("0.33 cup, dry (about 1 cup cooked)", 46.7),  # bulgur
    169699: ("0.25 cup, dry (about 1 cup cooked)", 43.25),  # couscous
    169702: ("0.25 cup, dry (about 1 cup cooked)", 50),  # millet
    168874: ("0.33 cup, dry (about 1 cup cooked)", 56.7),  # quinoa
    168879: ("0.33 cup, dry (about 1 cup cooked)", 65),  # rice, medium-grain
    168931: ("0.33 cup, dry (about 1 cup cooked)", 66.7),  # rice, short-grain
    173904: ("0.5 cup, dry (about 1 cup cooked)", 40.5),  # rolled oats
    # "Oats": USDA weighs a cup at 156 g, so a cup measure would mislead rolled-oat eaters.
    169705: ("1 serving, dry (about 1 cup cooked)", 40),
    171667: "0.33 cup",  # whole wheat hot cereal
    169736: "2 oz",  # pasta, dry
    171646: ("0.5 cup", 61),  # granola
    169722: ("0.25 cup", 14.5),  # wheat bran
    168892: ("2 tbsp", 14.4),  # wheat germ
    # Bread and baked goods: one slice, bagel, tortilla, waffle, muffin.
    174901: '1 medium bagel (3-1/2" to 4" dia)',
    172673: '1 slice (5" x 3" x 1/2")',  # egg bread
    172684: "1 slice, regular",  # rye bread
    172818: "1 slice",  # white bread
    172769: "1 medium",  # oat bran muffin
    175036: "1 tortilla",  # corn tortilla
    175038: '1 waffle, square (4" square) (include frozen)',
    175039: '1 waffle, round (7" dia)',
    169064: "1 medium",  # soft pretzel
    174790: "1 medium",  # soft pretzel, unsalted
    # Dairy and eggs: 1 oz of cheese, 1 tbsp of butter or a sprinkle of parmesan.
    173410: "1 tbsp",  # butter, salted
    173430: "1 tbsp",  # butter, without salt
    170845: "1 oz",  # mozzarella
    171247: "1 tbsp",  # parmesan, grated
    172188: "1 tbsp",  # egg, dried
    173428: "1 tbsp",  # egg yolk, dried
    # Meat and fish: 3 oz cooked (4 oz raw), a fillet, a slice or a can.
    174370: "4 oz",  # lamb, ground, raw
    171477: "0.5 breast, bone and skin removed",  # chicken breast
    168118: "1 slice, medium",  # bologna
    170204: "1 slice (1 oz)",  # pastrami
    175139: "1 can (3.75 oz)",  # sardines
    173702: "3 oz",  # surimi
    175159: "3 oz",  # tuna, fresh
    173709: "3 oz",  # tuna, canned
    174216: "3 oz",  # mussels
    173720: ("3 oz", 85),  # conch
    167744: ("1 oz", 28.35),  # snails
    # Sweets, drinks and spreads: a tablespoon, a piece, a cup.
    169593: "1 tbsp",  # cocoa
    169594: "1 tbsp",  # cocoa, dutch
    169640: "1 tbsp",  # honey
    168820: "1 serving 1 tbsp",  # molasses
    167974: "1 piece",  # caramels
    167990: "1 piece",  # hard candies
    171889: "1 cup (8 fl oz)",  # coffee
    173647: "1 serving 8 fl oz",  # water
    # Vegetables, cooked, canned or fermented: half a cup (half of USDA's cup).
    169207: ("0.5 cup", 121),  # asparagus, canned
    170376: '0.5 cup (1" pieces)',  # beet greens, cooked
    169966: ("0.5 cup slices", 85),  # beets, canned
    170396: ("0.5 cup, sliced", 73),  # carrots, canned
    169989: ("0.5 cup, diced", 75),  # celery, cooked
    170401: ("0.5 cup, chopped", 87.5),  # chard, cooked
    170407: ("0.5 cup, chopped", 95),  # collards, cooked
    169238: ("0.5 cup", 59),  # kale, cooked
    169254: "0.5 cup pieces",  # mushrooms, canned
    170444: ("0.5 cup", 90),  # potatoes, canned
    168450: ("0.5 cup", 122.5),  # pumpkin, canned
    169286: ("0.5 cup", 107),  # spinach, canned, drained
    169285: ("0.5 cup", 117),  # spinach, canned
    168463: ("0.5 cup", 90),  # spinach, cooked
    169296: ("0.5 cup, cubes", 102.5),  # butternut squash
    169305: ("0.5 cup", 127.5),  # sweet potato, canned, mashed
    168485: ("0.5 cup pieces", 100),  # sweet potato, canned
    168119: ("0.5 cup", 72),  # turnip greens, canned
    170392: ("0.5 cup", 75),  # kimchi
    169892: ("0.5 cup", 68),  # eggplant, pickled
    169279: ("0.5 cup", 71),  # sauerkraut
    # Frozen vegetables, unprepared: 3 oz, the usual label serving (USDA's is a third of
    # a package).
    168387: ("3 oz", 85),  # artichokes
    169972: ("3 oz", 85),  # brussels sprouts
    170408: ("3 oz", 85),  # collards
    169239: ("3 oz", 85),  # kale
    169262: ("3 oz", 85),  # okra
    # Vegetables one eats whole: one medium one, an ear, a clove, a pepper.
    169145: '1 beet (2" dia)',
    170393: "1 medium",  # carrots
    169988: '1 stalk, medium (7-1/2" - 8" long)',  # celery
    168538: '1 ear, medium (6-3/4" to 7-1/2" long)',  # corn
    169230: "1 clove",  # garlic
    170000: ("0.5 cup, chopped", 80),  # onions
    168576: "1 pepper",  # jalapeno
    169395: "1 pepper",  # serrano
    169379: '1 medium (3-3/4" long)',  # pickles, sour
    170093: "1 potato medium",  # baked potato
    168483: '1 medium (2" dia, 5" long, raw)',  # sweet potato, baked
    168484: "1 medium",  # sweet potato, boiled
    170456: "1 medium",  # tomatoes, green
    170457: '1 medium whole (2-3/5" dia)',  # tomatoes
    168567: ("0.25 cup", 13.5),  # sun-dried tomatoes
    170485: "0.25 cup",  # leeks, freeze-dried
}

# Everyday foods and drinks people search for first (drinks, soups, biscuits and
# crackers, breakfast cereals, juices, dried fruit, the foods of British, American,
# Canadian and Australian tables that SR Legacy has), with the portion eaten at once.
# SR Legacy has no salt substitute (potassium chloride blends); table salt is here.
EVERYDAY_MORE: dict[int, str | tuple[str, float]] = {
    # Tea and coffee, brewed; instant coffee made up and as a powder.
    173227: "1 cup (8 fl oz)",  # black tea
    171917: "1 cup",  # green tea
    174156: "1 cup (8 fl oz)",  # chamomile tea
    173232: "1 cup (8 fl oz)",  # herbal tea
    174871: "1 cup (8 fl oz)",  # black tea, decaffeinated
    171890: "1 cup (8 fl oz)",  # coffee
    171891: "1 fl oz",  # espresso: one shot
    174130: "1 serving 6 fl oz",  # instant coffee, made up
    171893: "1 tsp",  # instant coffee powder
    # Juices and other drinks: a glass (one cup); lemon juice by the tablespoon.
    173933: "1 cup",  # apple juice
    173042: "1 cup",  # grape juice
    168117: "1 cup",  # cranberry juice, unsweetened
    171903: "1 cup (8 fl oz)",  # cranberry juice cocktail
    169947: "1 cup",  # pineapple juice
    174678: "1 cup",  # grapefruit juice
    167753: "1 cup",  # prune juice
    170491: "1 cup",  # carrot juice
    170063: "1 cup",  # vegetable juice
    169100: "1 cup",  # orange juice, chilled
    167787: "1 cup",  # pomegranate juice
    167747: ("1 tbsp", 15.25),  # lemon juice: half of USDA's fluid ounce
    174832: "1 cup",  # almond milk
    170872: "1 cup",  # milk, 1 %
    170880: "1 cup",  # chocolate milk
    171277: "1 cup",  # hot cocoa
    # Soups, as served: a bowl of one cup.
    171549: "1 cup (8 fl oz)",  # lentil soup with ham
    171176: "1 serving 1 cup",  # tomato soup
    172909: "1 serving 1 cup",  # chicken noodle soup
    171550: "1 cup",  # minestrone
    171559: "1 cup",  # vegetable soup
    171555: "1 cup",  # split pea soup with ham
    172915: "1 serving 1 cup",  # cream of mushroom soup
    174555: "1 serving 1 cup",  # clam chowder
    171583: "1 cup",  # vegetable broth
    172884: "1 cup",  # chicken stock
    # Biscuits (cookies), American biscuits and brownies: one or two, as eaten.
    172725: "1 large",  # oatmeal cookies
    172716: "1 cookie",  # chocolate chip cookies
    174967: "1 cookie",  # shortbread
    174956: "1 cookie",  # gingersnaps
    171867: ("2 biscuits", 11.2),  # Marie biscuits: two fifths of USDA's five
    172718: "3 cookie",  # chocolate sandwich cookies
    172721: "1 cookie",  # fig bars
    174957: "1 large rectangular piece or 2 squares or 4 small rectangular pieces",
    168014: "1 Arrowroot biscuit (include Arrowroot cookie)",  # tea biscuits
    174971: "1 cookie",  # sugar cookies
    172737: "1 oz",  # vanilla sandwich cookies
    172713: "1 oz",  # brownies
    172670: '1 biscuit (2-1/2" dia)',  # American biscuit
    # Crackers and crispbreads: a few, about half an ounce.
    172746: "5 crackers",  # saltines
    172749: "1 serving",  # whole-wheat crackers
    174985: "2 crackers 1 serving",  # wheat crackers
    174982: "5 crackers",  # snack crackers
    172739: "1 crispbread",  # rye crispbread
    174975: "0.5 oz",  # cheese crackers
    172740: "1 matzo",
    171856: "4 cracker 1 serving",  # water biscuits
    174977: "0.5 oz",  # melba toast
    170250: "1 cake",  # rice cakes
    # Breakfast cereals: a bowl as the label gives it; hot cereals cooked.
    171662: "1 cup, cooked",  # instant oatmeal, made up
    171661: "1 packet",  # instant oats, dry
    171655: "1 cup",  # grits, cooked
    173913: "1 cup",  # puffed wheat
    173912: "1 cup",  # puffed rice
    174648: "1 cup (1 NLEA serving)",  # corn flakes
    173888: "0.75 cup (1 NLEA serving)",  # bran flakes
    171650: "1 cup (1 NLEA serving)",  # raisin bran
    173910: "2 biscuits (1 NLEA serving)",  # shredded wheat
    169040: "2 biscuits (1 NLEA serving)",  # wheat biscuits
    173884: "1 cup (1 NLEA serving)",  # toasted oat rings
    # Dried fruit: a quarter cup.
    173941: ("0.25 cup, halves", 32.5),  # apricots, dried
    168165: ("0.25 cup", 36.25),  # raisins
    171723: "0.25 cup",  # cranberries, dried
    # Bread, rolls and pastries: a slice, a roll, a muffin.
    174924: "1 slice",  # white bread
    174925: "1 slice",  # toast
    168013: "1 slice regular",  # multigrain bread
    172675: "1 oz",  # french bread, sourdough
    174915: '1 pita, large (6-1/2" dia)',
    171845: "1 piece",  # naan
    172796: "1 roll 1 serving",  # burger bun
    172793: "1 roll (1 oz)",  # dinner roll
    174987: "1 croissant, medium",
    174994: "1 muffin",  # English muffin
    # Dairy and eggs.
    173414: "1 oz",  # cheddar
    172179: ("0.5 cup", 105),  # cottage cheese: half of USDA's cup, not packed
    173418: "1 tbsp",  # cream cheese
    173420: "1 oz",  # feta
    171251: "1 oz",  # swiss
    173424: "1 large",  # egg, hard-boiled
    173423: "1 large",  # egg, fried
    172186: "1 large",  # egg, poached
    # Meat and fish: a piece, a slice, 3 oz cooked.
    172388: "1 thigh without skin",  # chicken thigh
    168635: "3 oz",  # sirloin steak
    167882: "1 chop",  # pork chop
    167914: "1 slice cooked",  # bacon
    168383: "1 slice",  # Canadian bacon
    174578: "1 link",  # pork sausage
    173668: "1 oz, boneless",  # kippers
    174198: "3 oz",  # haddock
    175177: "1 fillet",  # tilapia
    173726: "3 oz",  # pollock
    175175: "3 oz",  # pink salmon, canned
    175157: "3 oz",  # tuna, white, canned in oil
    # Potatoes, pasta and noodles.
    168555: ("0.5 cup", 105),  # mashed potatoes
    170118: "10 strip",  # oven chips (fries)
    168910: "1 cup spaghetti not packed",  # whole-wheat pasta
    168919: "1 cup",  # egg noodles
    # Snacks, spreads and seasoning.
    167959: "1 cup",  # popcorn, air-popped
    167558: "1 oz",  # tortilla chips
    167717: "1 tsp",  # yeast extract spread
    168819: "1 tbsp",  # marmalade
    169661: "1 tbsp",  # maple syrup
    173468: ("0.25 tsp", 1.5),  # table salt: a quarter of USDA's teaspoon
}
DEFAULT_PORTIONS.update(EVERYDAY_MORE)

# Heads of everyday foods, with how many variants of each to keep.
HEADS = {
    "Apples": 2,
    "Apricots": 2,
    "Avocados": 1,
    "Bananas": 2,
    "Blackberries": 1,
    "Blueberries": 1,
    "Cherries": 1,
    "Cranberries": 1,
    "Dates": 1,
    "Figs": 2,
    "Grapefruit": 1,
    "Grapes": 1,
    "Guavas": 1,
    "Kiwifruit": 1,
    "Lemons": 1,
    "Limes": 1,
    "Mangos": 1,
    "Melons": 2,
    "Nectarines": 1,
    "Oranges": 2,
    "Papayas": 1,
    "Peaches": 2,
    "Pears": 1,
    "Pineapple": 1,
    "Plums": 1,
    "Pomegranates": 1,
    "Prunes": 1,
    "Raisins": 1,
    "Raspberries": 1,
    "Strawberries": 1,
    "Watermelon": 1,
    "Orange juice": 1,
    "Tomato juice": 1,
    "Coconut water": 1,
    "Artichokes": 1,
    "Asparagus": 2,
    "Beets": 2,
    "Broccoli": 2,
    "Brussels sprouts": 1,
    "Cabbage": 2,
    "Carrots": 2,
    "Cauliflower": 2,
    "Celery": 1,
    "Chard": 2,
    "Collards": 2,
    "Corn": 1,
    "Cucumber": 1,
    "Eggplant": 1,
    "Kale": 2,
    "Leeks": 1,
    "Lettuce": 2,
    "Mushrooms": 2,
    "Okra": 1,
    "Onions": 2,
    "Parsnips": 1,
    "Peas": 2,
    "Peppers": 2,
    "Potatoes": 4,
    "Pumpkin": 1,
    "Radishes": 1,
    "Spinach": 3,
    "Squash": 4,
    "Sweet potato": 3,
    "Tomatoes": 2,
    "Turnip greens": 1,
    "Beet greens": 1,
    "Mustard greens": 1,
    "Zucchini": 1,
    "Garlic": 1,
    "Seaweed": 2,
    "Edamame": 1,
    "Beans": 12,
    "Chickpeas (garbanzo beans, bengal gram)": 2,
    "Lentils": 2,
    "Peanuts": 2,
    "Peanut butter": 1,
    "Soybeans": 2,
    "Tofu": 2,
    "Hummus": 1,
    "Soymilk": 1,
    "Nuts": 12,
    "Seeds": 8,
    "Tahini": 1,
    "Oats": 1,
    "Cereals": 2,
    "Rice": 4,
    "Quinoa": 1,
    "Buckwheat groats": 1,
    "Bulgur": 1,
    "Barley": 1,
    "Millet": 1,
    "Amaranth grain": 1,
    "Wheat germ": 1,
    "Wheat bran": 1,
    "Spaghetti": 2,
    "Pasta": 1,
    "Couscous": 1,
    "Bread": 5,
    "Tortillas": 2,
    "Crackers": 1,
    "Bagels": 1,
    "Muffins": 1,
    "Cereals ready-to-eat": 3,
    "Milk": 4,
    "Yogurt": 4,
    "Cheese": 5,
    "Cream": 1,
    "Butter": 1,
    "Egg": 3,
    "Kefir": 1,
    "Beef": 3,
    "Pork": 2,
    "Chicken": 3,
    "Turkey": 2,
    "Lamb": 1,
    "Fish": 14,
    "Mollusks": 2,
    "Crustaceans": 2,
    "Cocoa": 1,
    "Chocolate": 1,
    "Candies": 2,
    "Molasses": 1,
    "Honey": 1,
    "Sugars": 1,
    "Coffee": 2,
    "Beverages": 3,
    "Tea": 1,
    "Oil": 2,
    "Spices": 4,
    "Soup": 2,
    "Ham": 1,
    "Sausage": 1,
    "Pizza": 1,
    "Potato chips": 1,
    "Popcorn": 1,
    "Pretzels": 1,
    "Pickles": 1,
    "Sauerkraut": 1,
    "Olives": 1,
    "Jams and preserves": 1,
    "Ice creams": 1,
    "Pancakes": 1,
    "Waffles": 1,
}

# Words that mark branded, infant, restaurant or otherwise unusual entries.
EXCLUDE = re.compile(
    r"alaska native|babyfood|infant|formula|restaurant|fast food|usda commodity|"
    r"\bnfs\b|industrial|imitation|includes foods for usda|shake n bake|[A-Z]{3,}"
)
SIMPLE_WORDS = ("raw", "cooked", "boiled", "baked", "roasted", "drained", "canned", "dry")


def simplicity(description: str) -> tuple:
    """Smaller is simpler: fewer comma parts, then plain preparation words, then length."""
    parts = description.count(",")
    plain = sum(w in description for w in SIMPLE_WORDS)
    return (parts, -plain, len(description))


def usda_portions(rows: list[dict]) -> list[tuple[str, float]]:
    """USDA's household measures of one food as (label, grams), in USDA's order.

    Grams are for one unit of the label ("0.5 cup" weighs what half a cup weighs).  A
    measure with amount 0 is left out: USDA has one (frozen kale, 94 g, which SR28 gives as
    0.333 package), and its label would read as a whole package.
    """
    parts = []
    for p in sorted(rows, key=lambda p: int(p["seq_num"])):
        if float(p["amount"]) == 0:
            continue
        amount = "1" if float(p["amount"]) == 1 else p["amount"]
        parts.append((f"{amount} {p['measure_description']}", float(p["gram_weight"])))
    return parts


def default_first(fdc_id: int, parts: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Put the food's portion from DEFAULT_PORTIONS first; the others keep their order."""
    default = DEFAULT_PORTIONS.get(fdc_id)
    labels = [label for label, _ in parts]
    if default is None:
        return parts
    if isinstance(default, str):
        if default not in labels:
            raise SystemExit(f"{fdc_id}: USDA has no portion {default!r} (it has {labels})")
        index = labels.index(default)
        return [parts[index], *parts[:index], *parts[index + 1 :]]
    if default[0] in labels:
        raise SystemExit(f"{fdc_id}: {default[0]!r} is USDA's already; name it, not its weight")
    return [default, *parts]


def current_names(path: Path | None = None) -> dict[int, str]:
    """The everyday names written so far, by FDC id."""
    path = path or Path(__file__).with_name("catalogue.csv")
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {int(row["fdc_id"]): row.get("name") or "" for row in csv.DictReader(fh)}


def main(shared: Path) -> None:
    names = current_names()
    foods = list(csv.DictReader((shared / "foods_mg_k.csv").open(encoding="utf-8")))
    portions: dict[str, list[dict]] = {}
    for row in csv.DictReader((shared / "portions.csv").open(encoding="utf-8")):
        portions.setdefault(row["fdc_id"], []).append(row)

    def usable(row: dict) -> bool:
        return (
            bool(
                row["magnesium_mg"]
                and row["potassium_mg"]
                and row["energy_kcal"]
                and row["sodium_mg"]
            )
            and row["fdc_id"] in portions
        )

    chosen: dict[int, dict] = {}
    for row in foods:
        if int(row["fdc_id"]) in PINNED or int(row["fdc_id"]) in EVERYDAY:
            chosen[int(row["fdc_id"])] = row
    for head, keep in HEADS.items():
        keep += 1  # one more variant of each head: raw and cooked both matter for logging
        candidates = [
            r
            for r in foods
            if r["description"].split(",")[0].strip() == head
            and usable(r)
            and not EXCLUDE.search(r["description"])
            and "with salt" not in r["description"]
        ]
        taken = sum(1 for r in chosen.values() if r["description"].split(",")[0] == head)
        for row in sorted(candidates, key=lambda r: simplicity(r["description"])):
            if taken >= keep:
                break
            if int(row["fdc_id"]) not in chosen:
                chosen[int(row["fdc_id"])] = row
                taken += 1

    # Added after the heads are chosen, so the foods the heads chose before stay.
    for row in foods:
        if int(row["fdc_id"]) in EVERYDAY_MORE:
            chosen[int(row["fdc_id"])] = row

    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(
        [
            "fdc_id",
            "name",
            "description",
            "category",
            "magnesium_mg",
            "potassium_mg",
            "energy_kcal",
            "sodium_mg",
            "staple",
            "portions",
        ]
    )
    unknown = set(DEFAULT_PORTIONS) - set(chosen)
    if unknown:
        raise SystemExit(f"DEFAULT_PORTIONS names foods not in the catalogue: {sorted(unknown)}")
    for fdc_id in sorted(chosen):
        row = chosen[fdc_id]
        parts = default_first(fdc_id, usda_portions(portions.get(row["fdc_id"], [])))
        out.writerow(
            [
                fdc_id,
                names.get(fdc_id, ""),
                row["description"],
                row["category"],
                row["magnesium_mg"],
                row["potassium_mg"],
                row["energy_kcal"],
                row["sodium_mg"],
                1 if fdc_id in PINNED or fdc_id in EVERYDAY or fdc_id in EVERYDAY_MORE else 0,
                "|".join(f"{label}={grams:g}" for label, grams in parts),
            ]
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
