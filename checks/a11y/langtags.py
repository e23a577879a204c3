"""Is a lang attribute value a valid BCP 47 tag? Checked on its primary language subtag.

Lists from ISO 639-1/639-2: two-letter codes are registered, three-letter twins of them ("eng") are not."""

from __future__ import annotations

import re

# Two-letter primary language subtags registered with IANA.
_TWO_LETTER = frozenset((
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da "
    "de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz "
    "ia id ie ig ii ik in io is it iu iw ja ji jv jw ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la "
    "lb lg li ln lo lt lu lv mg mh mi mk ml mn mo mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj "
    "om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si sk sl sm sn so sq sr ss st su sv "
    "sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu "
).split())

# Three-letter ISO 639-2 codes are not registered where a two-letter code exists ("eng" is not valid,
# "en" is); every other three-letter code is accepted without a list.
_THREE_LETTER_WITH_TWO_LETTER_CODE = frozenset((
    "aar abk afr aka alb amh ara arg arm asm ava ave aym aze bak bam baq bel ben bih bis bod bos bre "
    "bul bur cat ces cha che chi chu chv cor cos cre cym cze dan deu div dut dzo ell eng epo est eus "
    "ewe fao fas fij fin fra fre fry ful geo ger gla gle glg glv gre grn guj hat hau heb her hin hmo "
    "hrv hun hye ibo ice ido iii iku ile ina ind ipk isl ita jav jpn kal kan kas kat kau kaz khm kik "
    "kin kir kom kon kor kua kur lao lat lav lim lin lit ltz lub lug mac mah mal mao mar may mkd mlg "
    "mlt mon mri msa mya nau nav nbl nde ndo nep nld nno nob nor nya oci oji ori orm oss pan per pli "
    "pol por pus que roh ron rum run rus sag san sin slk slo slv sme smo sna snd som sot spa sqi srd "
    "srp ssw sun swa swe tah tam tat tel tgk tgl tha tib tir ton tsn tso tuk tur twi uig ukr urd uzb "
    "ven vie vol wel wln wol xho yid yor zha zho zul "
).split())

_SHAPE = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*\Z")


def valid_lang(value: str) -> bool:
    """True for a well-formed tag whose primary subtag is registered; "i-" grandfathered tags fail."""
    tag = value.strip()
    if not _SHAPE.match(tag):
        return False
    primary = tag.split("-", 1)[0].lower()
    if len(primary) == 2:
        return primary in _TWO_LETTER
    if len(primary) == 3:
        return primary not in _THREE_LETTER_WITH_TWO_LETTER_CODE
    return primary == "x"  # private use; 4-letter codes are reserved and 5-8 letters are unassigned
