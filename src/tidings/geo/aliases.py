"""Hand-written names the bundled data lacks: short country names, adjectives, abbreviations.

Every entry here is a name news text uses that none of the data packages gives (or gives for
more than one country): ``U.K.``, ``Burma``, ``British``, ``Calif.``, ``NSW``. Keys are written
as they appear in text; the builder normalises them with :func:`~tidings.geo.schema.name_key`
(so ``U.S.`` and ``US`` are the same key). Abbreviations that are also everyday words with no
place sense in news (``Man.`` for Manitoba, ``ACT``) and bare US postal codes are left out.
"""

from __future__ import annotations

__all__ = [
    "COUNTRY_NAMES",
    "DEMONYMS",
    "GENERIC_PREFIXES",
    "GENERIC_SUFFIXES",
    "NOT_COUNTRY_NAMES",
    "NOT_DIVISION_NAMES",
    "STATE_ABBREVIATIONS",
]

# Short and informal country names -> ISO 3166-1 alpha-2.
COUNTRY_NAMES: dict[str, str] = {
    "US": "US", "U.S.": "US", "USA": "US", "U.S.A.": "US", "America": "US",
    "United States": "US", "United States of America": "US",
    "UK": "GB", "U.K.": "GB", "Britain": "GB", "Great Britain": "GB", "United Kingdom": "GB",
    "South Korea": "KR", "North Korea": "KP", "Russia": "RU", "Vietnam": "VN", "Laos": "LA",
    "Syria": "SY", "Iran": "IR",
    "DRC": "CD", "DR Congo": "CD", "D.R. Congo": "CD", "Congo-Kinshasa": "CD",
    "Democratic Republic of Congo": "CD", "Democratic Republic of the Congo": "CD",
    "Zaire": "CD", "Zaïre": "CD", "Macedonia": "MK", "FYROM": "MK",
    "Congo-Brazzaville": "CG",
    "Burma": "MM", "Ivory Coast": "CI", "Czech Republic": "CZ", "Czechia": "CZ",
    "Holland": "NL", "The Netherlands": "NL", "UAE": "AE", "U.A.E.": "AE",
    "East Timor": "TL", "Swaziland": "SZ", "Eswatini": "SZ", "Cape Verde": "CV",
    "Turkey": "TR", "Türkiye": "TR", "Vatican": "VA", "Vatican City": "VA",
    "Bosnia": "BA", "Macau": "MO", "Macao": "MO", "Micronesia": "FM", "Kosovo": "XK",
    "The Gambia": "GM", "The Bahamas": "BS", "Palestinian territories": "PS",
}  # fmt: skip

# Adjectives and nouns for a country's people that the countryinfo demonym does not give, or
# gives for several countries (``American`` is also the Northern Mariana Islands' demonym,
# ``French`` that of five French territories). These win over countryinfo. A plural is added
# by rule (``Filipinos``), except for words in -ese, -sh, -ch, -ss, -ic, -s, -x, -y and -z.
DEMONYMS: dict[str, str] = {
    "American": "US", "British": "GB", "Briton": "GB", "Brit": "GB", "Scottish": "GB",
    "Welsh": "GB", "Northern Irish": "GB", "French": "FR", "Chinese": "CN", "Dutch": "NL",
    "Turkish": "TR", "Turk": "TR", "Spanish": "ES", "Spaniard": "ES", "Swiss": "CH", "Thai": "TH",
    "Lao": "LA", "Laotian": "LA", "Vietnamese": "VN", "Russian": "RU", "Syrian": "SY",
    "Filipino": "PH", "Filipina": "PH", "Philippine": "PH", "Emirati": "AE", "Indian": "IN",
    "Norwegian": "NO", "Serbian": "RS", "Serb": "RS", "Danish": "DK", "Dane": "DK", "Swede": "SE",
    "Finn": "FI", "Czech": "CZ", "Czechs": "CZ", "Croat": "HR", "Slovenian": "SI",
    "Slovakian": "SK", "Icelandic": "IS", "Luxembourgish": "LU", "Argentine": "AR",
    "Argentinian": "AR", "Ecuadorian": "EC", "Cape Verdean": "CV", "Surinamese": "SR",
    "Kyrgyz": "KG", "Kyrgyzstani": "KG", "Tajik": "TJ", "Tajikistani": "TJ", "Uzbek": "UZ",
    "Kazakh": "KZ", "Azeri": "AZ", "Nepali": "NP", "Saudi": "SA", "Somalian": "SO",
    "Djiboutian": "DJ", "Comorian": "KM", "Batswana": "BW", "Basotho": "LS",
    "Bissau-Guinean": "GW", "Kosovar": "XK", "Maldivian": "MV", "Burmese": "MM", "Ivorian": "CI",
    "Palestinian": "PS", "Israeli": "IL", "Taiwanese": "TW", "Gibraltarian": "GI",
}  # fmt: skip

# countryinfo alternative spellings that are everyday words, given names or wrong.
NOT_COUNTRY_NAMES = frozenset(
    {
        "Island",  # Iceland in Icelandic, but an English word
        "Mann",  # Isle of Man; a surname
        "Prathet",  # "country" in Thai
        "Dominique",  # Dominica; a given name
        "Guiana",  # French Guiana, but also the whole region
        "Mexicanos",
        "Portuguesa",
        "the Abode of Peace",
        "Zhonghua",  # "Chinese" (the nation), used for China and Taiwan alike
    }
)

# AP-style (and older newspaper) abbreviations of first-level divisions -> ISO 3166-2 code.
STATE_ABBREVIATIONS: dict[str, str] = {
    "Ala.": "US-AL", "Ariz.": "US-AZ", "Ark.": "US-AR", "Calif.": "US-CA", "Colo.": "US-CO",
    "Conn.": "US-CT", "Del.": "US-DE", "D.C.": "US-DC", "Fla.": "US-FL", "Ga.": "US-GA",
    "Ill.": "US-IL", "Ind.": "US-IN", "Kan.": "US-KS", "Kans.": "US-KS", "Ky.": "US-KY",
    "La.": "US-LA", "Md.": "US-MD", "Mass.": "US-MA", "Mich.": "US-MI", "Minn.": "US-MN",
    "Miss.": "US-MS", "Mo.": "US-MO", "Mont.": "US-MT", "Neb.": "US-NE", "Nebr.": "US-NE",
    "Nev.": "US-NV", "N.H.": "US-NH", "N.J.": "US-NJ", "N.M.": "US-NM", "N.Y.": "US-NY",
    "N.C.": "US-NC", "N.D.": "US-ND", "Okla.": "US-OK", "Ore.": "US-OR", "Oreg.": "US-OR",
    "Pa.": "US-PA", "Penn.": "US-PA", "Penna.": "US-PA", "R.I.": "US-RI", "S.C.": "US-SC",
    "S.D.": "US-SD", "Tenn.": "US-TN", "Tex.": "US-TX", "Vt.": "US-VT", "Va.": "US-VA",
    "Wash.": "US-WA", "W.Va.": "US-WV", "W. Va.": "US-WV", "Wis.": "US-WI", "Wisc.": "US-WI",
    "Wyo.": "US-WY",
    "B.C.": "CA-BC", "Alta.": "CA-AB", "Sask.": "CA-SK", "Ont.": "CA-ON", "Que.": "CA-QC",
    "N.S.": "CA-NS", "N.B.": "CA-NB", "Nfld.": "CA-NL", "P.E.I.": "CA-PE", "N.W.T.": "CA-NT",
    "NSW": "AU-NSW", "Qld": "AU-QLD", "Vic.": "AU-VIC", "Tas.": "AU-TAS",
}  # fmt: skip

# Words for "province", "region" ... that a division's name carries and news often drops
# ("Gyeonggi-do" -> "Gyeonggi", "Guangdong Sheng" -> "Guangdong"), as name keys.
GENERIC_SUFFIXES = (
    "uygur zizhiqu", "zhuangzu zizhiqu", "huizu zizhiqu", "zizhiqu", "sheng", "shi", "do",
    "gwangyeoksi", "teukbyeolsi", "teukbyeoljachido", "teukbyeoljachisi", "oblysy",
    "respublika", "oblast", "krai", "kray", "province", "region", "prefecture", "governorate",
    "county", "state",
)  # fmt: skip
GENERIC_PREFIXES = ("autonomous republic of", "republic of", "region of", "city of")

# What is left of a name without its generic word that is no name on its own.
NOT_DIVISION_NAMES = frozenset(
    {
        "central", "north", "south", "east", "west", "northern", "southern", "eastern",
        "western", "north central", "north western", "north eastern", "south western",
        "south eastern", "northeast", "northwest", "southeast", "southwest", "upper", "lower",
        "middle", "capital", "national capital", "port", "mountain", "free", "maritime",
        "coast", "lakes", "unity", "island", "islands", "river", "greater", "inner", "outer",
    }
)  # fmt: skip
