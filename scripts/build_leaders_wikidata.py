#!/usr/bin/env python3
"""Cut Wikidata exports of heads of state, heads of government and foreign ministers down to
``kg/data/curated/leaders_wikidata.csv``.

    python scripts/build_leaders_wikidata.py EXPORT.csv [--codes country-codes.csv] [--out FILE]
        [--fm-snapshot DATE=FILE ...] [--fm-history ISO2=FILE ...] [--fm-holders ISO2=FILE#POSITION ...]
        [--from-git DIR]

``EXPORT.csv``: a Wikidata P35 (head of state) / P6 (head of government) export with the
columns ``iso3,country,role,person,person_qid,start,end`` -- such as ``data/leaders_history.csv``
of GitHub cfmessias/geografia, commit 2e1e3b9cf6bff86186ae26376a2deafdbd9c67e3 (a query of
Wikidata, whose data is CC0; only these factual fields are kept).  ``--codes``: the
public-domain datasets/country-codes table, to turn ISO alpha-3 codes and country QIDs into alpha-2.

Kept: terms held on or after ``SINCE`` with a start date, one row per (QID, role, country,
start); a term with no end ends when another person takes up that office there; dropped: rows
without a QID or start, and names Wikidata gave only in another language (the export's
Portuguese country name inside the person's name, "Letsie III do Lesoto", "Isabel II do Reino
Unido").  Output sorted, so the same export gives the same bytes.

Foreign ministers (role ``foreign_minister``) come from two kinds of Wikidata query results
(P39 "position held" statements; only the QID, the English label, the country and the
P580/P582 dates are kept), both from GitHub every-politician-scrapers repositories, which state
no licence of their own:

- ``--fm-snapshot DATE=FILE``: the holders of every position that is a subclass of "foreign
  minister" (Q7330070), on the day DATE, with the start of their term
  (``person,name|personLabel,country,countryLabel,position,positionLabel,start,psid``):
  every-politician-scrapers/world ``sources/foreign/wikidata.csv``, the last version of each of
  the 21 days it changed, 2022-08-08 to 2022-12-10 (commits in ``FM_SNAPSHOTS``).  A holder
  missing from a later snapshot left office when the next holder there took it up (else on
  that snapshot's day); one still there on the last day is open.
- ``--fm-history ISO2=FILE``: the full P39 history of one country's foreign-minister position
  (``item,itemLabel,startDate,endDate,...``), from the ``wikidata.csv`` of a ``foreign*`` or
  ``minister-foreign`` folder under ``sources/`` of that country's every-politician-scrapers
  repository (49 countries; repositories, commits and folders in ``FM_HISTORIES``).  A month or a
  year alone is read as its first day for a start and its last day for an end.
- ``--fm-holders ISO2=FILE#POSITION``: the same from a country repository's ``html/holders21.csv``
  (every holder of the country's positions this century, ``position,person,personID,start,end``),
  the rows of the foreign minister's position as that file labels it (135 countries: the
  country repositories found with a holders21.csv that names a foreign minister, less those
  with a history file; ``FM_HOLDERS``, each file at the last commit that changed it, 2022-03
  to 2023-03).  The label is given by hand: India's file also lists its Foreign Secretaries,
  as "Minister of Foreign Affairs"; Spain's position changed its name; Jersey's is "Minister
  for External Relations".  Iceland's file is read from Jkudjo/iceland-cabinet, a copy of
  every-politician-scrapers' iceland-cabinet (its commits by the same authors), which was not
  found under that owner.  The files only give what Wikidata held then: some countries' lists
  have gaps (Spain lacks 2000-2002 and 2004-2010), and year-only dates make neighbouring terms overlap.

``--from-git DIR`` reads all of these at the recorded commits from git clones ``DIR/<repository>``
(``DIR/world``, ``DIR/kazakhstan-cabinet``, ``DIR/iceland-cabinet``...); the bundled table is exactly

    python scripts/build_leaders_wikidata.py leaders_history.csv --from-git DIR
"""

from __future__ import annotations

import argparse
import csv
import datetime as _dt
import io
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SINCE = "2000-01-01"
EARLIEST = "1900-01-01"  # an older start with no end is a stray statement, not a term
ROLES = {"head_of_state", "head_of_government"}
FM_ROLE = "foreign_minister"
# the commit of every-politician-scrapers/world whose sources/foreign/wikidata.csv is each --fm-snapshot
# (the last of each day it changed)
FM_SNAPSHOTS = {
    "2022-08-08": "7b5438d0ffec35dedafb0168115ad29bbd4535d5",
    "2022-08-09": "69db722082ae9297f705501506dc329783bdffa8",
    "2022-08-10": "c724ceeadf22fa03aaa43cddd61421a26a81ea9e",
    "2022-08-11": "50614a4b21583836ee375175405efd33cb3f13e2",
    "2022-08-12": "3325f0fac07a57e2c834ff153984601a01e8230e",
    "2022-08-13": "c6d202d90797f309815ad8e3332ebe8ec268fb05",
    "2022-08-14": "4b1c2d4a5a726953e88eebf8d4c9139221b183fd",
    "2022-08-15": "a13d5cad91b450ddac9b3f565911340e2a355cda",
    "2022-08-16": "030420a9d45c281f71b0dc1ea46c16477e979212",
    "2022-08-17": "9d6dab173e6121905d7aa3df5bccd931a62f0c7c",
    "2022-08-19": "2a7eb8140c7315ff090e36d82c4c4a2776e95b87",
    "2022-08-26": "69d7f7f0718c31dd958fc2ea02363f0ae86cc006",
    "2022-09-02": "80bfae90cd4e1d3cb555b22c8180d6d9fb63b0ab",
    "2022-09-11": "ef8e17c27b41c4ba834446398a1adf90e0df544c",
    "2022-09-13": "c06c62aec40446c4da955d074d5fd357926c9e1d",
    "2022-09-19": "4d24720aa86b78f4ef538320947cc5de9eba6b8d",
    "2022-09-20": "5b8dd4d38a7834178b9d6ab0a18dbdbaee436e6c",
    "2022-09-28": "e924ca63294939dd94c0b3c493455baac8c7eefb",
    "2022-09-29": "67b8f90366e05e67c82ad935071718a5eca36aa8",
    "2022-12-05": "edee1baea1fef12a12e0f97552ff1a75da6afdf9",
    "2022-12-10": "4ee5b6ad1e088595ee5c81c1b62475b533fb2f80",
}
# every-politician-scrapers repository and commit of each --fm-history file (the provenance of the
# bundled table; the script reads whatever files it is given)
FM_HISTORIES = {
    "AF": "afghanistan@f54eb517a816eb2db1f6d5e4ad0d60dcf9de7e74 sources/wpoffice/foreign-minister",
    "AZ": "azerbaijan-cabinet@88e2221afaeb133eb9ac369d5a036c69bbeefc4d sources/wpoffice/foreign-enwiki",
    "BE": "belgium-cabinet@a1420fcaec8b2c2966eebb13f352b95725d3785b sources/minister-foreign",
    "CD": "congo-kinshasa-ministers@fb78ee2e1afcd31cb21afcb2c18c01e01608b18d sources/foreign-minister",
    "CG": "congo-brazzaville@949deaf5835030bf0c7b73a6f4cb8d0d1fb8b57a sources/foreign-minister",
    "CI": "ivory-coast@44222480d31935982732e89a451ff590841f834f sources/wpoffice/foreign-minister",
    "CM": "cameroon@647bbdf2093fd92077f35c7b7a93bef37aa33919 sources/minister-foreign",
    "CR": "costa-rica@e0bae021bc72c9b44bc08521819804da661bb23b sources/wpoffice/foreign-minister",
    "CV": "cabo-verde@70e2647a2bffdbc2f86d6b9054da28e40b50badc sources/wpoffice/foreign-minister",
    "DM": "dominica@c10805b6330842c3b16a39ba166472aa0c6fb7b0 sources/wpoffice/foreign-minister",
    "DO": "dominican-republic@fd81a6770c656bf099ea70b518ef51062836a5ed sources/wpoffice/foreign-minister",
    "GA": "gabon-ministers@824f2dd326741e5966429c371ba817014550157f sources/minister-foreign",
    "GD": "grenada@788288e53c9786149a700e17a8da4fd81946c361 sources/wpoffice/foreign-minister",
    "GH": "ghana-ministers@6301043ab47efa25fa0c944b6a4b523ea5a2eebe sources/foreign-enwiki",
    "GW": "guinea-bissau@e583fba26d30c716516e2d6b18e2dff8b708ac70 sources/wpoffice/foreign-minister",
    "HT": "haiti@a04bdb3638b01077d3409b41a95aa84ed29c3f5d sources/wpoffice/foreign-minister",
    "IQ": "iraq-ministers@ab7f90c8298be91e36248b2ca5d7f268cee0b173 sources/foreign-enwiki",
    "KE": "kenya@845fa144b1aa18652748624528d836b81e51b7d0 sources/minister-foreign",
    "KM": "comoros@2a94d2df4aaff539508f2ae3d51a80208575cb5a sources/wpoffice/foreign-minister",
    "KP": "north-korea@7fd4f86187b511ff8bd0b95f1fcd1c5a21e881b5 sources/wpoffice/foreign-minister",
    "KW": "kuwait-ministers@e663bce8539370de83f3f06eecb0e8d4ec50b14e sources/wpoffice/foreign-minister",
    "KZ": "kazakhstan-cabinet@caf651f97dc0efed4955887c17fd6fadcdf7b111 sources/wpoffice/foreign-enwiki",
    "LB": "lebanon@84f4f6720d0f067682e3dcc285423b7fd70b33b2 sources/wpoffice/foreign-minister",
    "LK": "sri-lanka-cabinet@a90dbcf77133b1b9dcb94abe2c51b7ba2d9c5bee sources/wpoffice/foreign-minister",
    "LR": "liberia-ministers@51d0030249649de5a8b1ca9e0f7be25a4402e3c9 sources/foreign-enwiki",
    "LT": "lithuania@2743892fbc8f4eca6fc0b2ead37936dc8d5229d9 sources/wpoffice/foreign-ministers",
    "LY": "libya@a1e875f47b78a8e3843b5e5a086dda8b963d2162 sources/wpoffice/foreign-minister",
    "ME": "montenegro-cabinet@8ba0dd381b8c18ead1b8772c5bfddf9b6d83b246 sources/foreign-enwiki",
    "ML": "mali@51a106117cbe612421662097460eeedbf7767aa2 sources/wpoffice/foreign-minister",
    "MR": "mauritania@d3f467cdef94a4ec1525fbbb0444977df7af0ecc sources/wpoffice/foreign-minister",
    "MT": "malta-ministers@4cba0680d5436b0befc248615f230087fbd45be4 sources/minister-foreign",
    "MU": "mauritius-ministers@78b132eb7142c1b648515064a5c011e7d1519b04 sources/foreign-minister",
    "MY": "malaysia-ministers@bab25025f0c68e7c1c623e0ee7e4888032550e16 sources/foreign-enwiki",
    "MZ": "mozambique@4800218ca8ce02cb4d1bb3a665189fc245e27d99 sources/minister-foreign",
    "NG": "nigeria@1f5d4aad9ba42a810e353d0d7b4378fedc4429e6 sources/minister-foreign",
    "PK": "pakistan-ministers@065accdb5d8d693e89c0bc559862c10f66d443d1 sources/wpoffice/minister-foreign",
    "SA": "saudi-ministers@566c58806bee4d91167f3dcbd19abbb596e65497 sources/foreign-minister",
    "SR": "suriname@05e451815acda25d94b89ca21d8551622cf18f4f sources/wpoffice/foreign-minister",
    "SS": "south-sudan@46f2f4f9e468465ced7e5bce689b7d8e0c43be32 sources/wpoffice/foreign-minister",
    "ST": "sao-tome-and-principe@1be2c84a3d3ec408c4a9614729985013f0bf1ee9 sources/wpoffice/foreign-minister",
    "SY": "syria@08fddba7b3f3beef8ac10a7201ef1ff1cc7318af sources/wpoffice/foreign-minister",
    "SZ": "eswatini@76d48e5f949b29b96759671605f0e24e2f3f6962 sources/wpoffice/foreign-minister",
    "TG": "togo@c6cc8fe9413c84f10719c5627cb750fcd4e08e4b sources/wpoffice/foreign-minister",
    "TL": "timor-leste-ministers@2162a08a38e6ff19aae0b7da19aa198eb53a95e4 sources/foreign-minister",
    "TM": "turkmenistan@db857efe4e49f9efb787394ca3065f3d8a462f8f sources/wpoffice/foreign-minister",
    "TW": "taiwan@45c981ac5a15e4bdacfda83f77a64d275156ca4b sources/wpoffice/foreign-minister",
    "VE": "venezuela@468bc47dfe82a6912833f85ccb15888baa132a6c sources/wpoffice/foreign-minister",
    "VN": "vietnam@906e493fe5ae307bf6184baa4fa9e48d75f9866d sources/wpoffice/foreign-minister",
    "ZW": "zimbabwe@f991ac9839ca9297ec838f7420994fbb1c854c00 sources/wpoffice/minister-foreign",
}
# every-politician-scrapers repository@commit (its html/holders21.csv) and the position label(s) read;
# "owner/name@commit": a copy of that every-politician-scrapers repository kept under another owner
FM_HOLDERS = {
    "AD": ("andorra-cabinet@c83650b8f33a24172b3b1ecb9877f186bdc5f235", "Minister of Foreign Affairs"),
    "AE": ("uae-ministers@9478e53b0ada6f31a1877fddb499f33207efa368", "Minister of Foreign Affairs"),
    "AG": ("antigua-barbuda-ministers@8932e1720b5713d5ed998d920df32dcaf6ca33b4", "Minister of Foreign Affairs"),
    "AL": ("albania-cabinet@e8d362eb360459d1ffad1dbf5eec480294ef4746", "Minister of Foreign Affairs"),
    "AM": ("armenia-ministers@0f97f894d1206191bcc52e5925f00bac9a0299bf", "Minister of Foreign Affairs"),
    "AO": (
        "angola@5a78c687e7f79a3b4a996cd10259785765664b4a",
        "Minister of External Relations|Minister of Foreign Affairs",
    ),
    "AR": ("argentina-ministers@98105f511ea6ad6c9730e979190909cf34d9343b", "Minister of Foreign Affairs and Worship"),
    "AT": (
        "austria-cabinet@fcf8b30dbbcd4abd03a958c6efa2e7f198049791",
        "Federal Minister of European and International Affairs",
    ),
    "AU": ("australia-cabinet@4c35a6ef087d076eb343b6177814574b2d6e43b8", "Minister for Foreign Affairs"),
    "BA": ("bosnia-herzegovina-ministers@2f6b59e7b6bc94032a77951c0ab9d4080a416e75", "Minister of Foreign Affairs"),
    "BB": (
        "barbados-cabinet@f3c72134b4034a73bfbe2320942f32924b28ec7f",
        "Minister of Foreign Affairs and Foreign Trade",
    ),
    "BD": ("bangladesh-ministers@ee3c612d1540325ccc103af68f7b3f51a9a44922", "Minister of Foreign Affairs"),
    "BF": ("burkina-faso@497b82ab5ecdb13852b80433607c9c880687b4db", "Minister of Foreign Affairs"),
    "BG": ("bulgaria-cabinet@c73f57df414ddac8cc5e5401658add60003547bd", "Minister of Foreign Affairs"),
    "BH": ("bahrain@d9163a148f80f34a6e043641de9adba473f576da", "Minister of Foreign Affairs"),
    "BI": ("burundi-ministers@6b6ba0a39a6d692b3d6ecc9ba9ef93bba8208ab3", "Minister of Foreign Affairs"),
    "BJ": (
        "benin-ministers@0dee848b50b361e1f8981531472f8502b713b114",
        "Minister of Foreign Affairs, African Integration, La Francophonie, and Beninese Abroad",
    ),
    "BN": ("brunei-ministers@2a719e3d156a713f9b67c8330b971b9ad83990d6", "Minister of Foreign Affairs"),
    "BO": ("bolivia-ministers@434bcd82d1ae9fefedb820b2cc6a1d38a4e3e5f8", "Minister of Foreign Affairs"),
    "BR": ("brazil-ministers@de58065b42edc0c0f310185ffda9174540e9af5f", "Minister of External Relations"),
    "BS": (
        "bahamas-cabinet@b82862d20ee83f442e11f33b50fd5fc7b61c59e2",
        "Minister of Foreign Affairs|Minister of Foreign Affairs and Public Service",
    ),
    "BT": ("bhutan-ministers@80bf80a9adc447f4a70fae65e58ad0e4a80a3342", "Minister of Foreign Affairs"),
    "BW": ("botswana-ministers@680baa6be95eb261954c22b485a961bb660da2b3", "Minister of Foreign Affairs"),
    "BY": ("belarus-ministers@3edd7c7cbcba709c6165f7df09653dcbf50c7712", "Minister of Foreign Affairs"),
    "CA": ("canada-cabinet@3b3f0da86ca64c7e3ce6d0f073ed66612885d06f", "Minister of Foreign Affairs"),
    "CF": (
        "central-african-republic@fe0c2e9d602c45764cc428f524f658a39215bce8",
        "Minister of Foreign Affairs|Minister of Foreign Affairs, Regional Integration and Francophone Affairs",
    ),
    "CL": ("chile-ministers@0badd62dc6614f8b098c9105197eea0c9325b585", "Minister of Foreign Affairs"),
    "CN": ("china-ministers@300341654d57cd10776238bae41c89b6ea315276", "Minister of Foreign Affairs"),
    "CU": ("cuba@3135a77b90d4ee24a7adc515d7dbe242c4c8c346", "Minister of Foreign Affairs"),
    "CY": ("cyprus-cabinet@5fcbf4d37e23e62f820666403beb77e72c2f9916", "Minister of Foreign Affairs"),
    "CZ": ("czech-ministers@ca4ee1ed5b241e3c6a76db41129db07a7700a97b", "Minister of Foreign Affairs"),
    "DJ": ("djibouti-ministers@080838cee05c04ecf2b16645036f5b84dd6a487c", "Minister of Foreign Affairs"),
    "DK": ("denmark-cabinet@020673d5b1c69be18f2a056a81cfb472d2997614", "Minister of Foreign Affairs"),
    "DZ": ("algeria-cabinet@ff94eee66b19a52b28a1459a5d7d32f62062f1c2", "Minister of Foreign Affairs"),
    "EC": ("ecuador-ministers@ba2e84fb89b671f3f8315c353df16fc7e54b7efa", "Minister of Foreign Affairs"),
    "EE": ("estonia@688b4103f7a24862798f9037865bef8ad027501f", "Minister of Foreign Affairs"),
    "EG": ("egypt-ministers@f3820a30ce92a8557e3503202fed731e9d91275c", "Minister of Foreign Affairs"),
    "ER": ("eritrea-ministers@297d9bc416b344cb52e4264e279abfe29101d5d4", "Minister of Foreign Affairs"),
    "ES": (
        "spain-ministers@66b35bbd94f3d72085130cc2f48d865363e6dbc5",
        "Minister of Foreign Affairs|Minister of Foreign Affairs and Cooperation"
        "|Minister of Foreign Affairs, European Union and Foreign Aid",
    ),
    "ET": ("ethiopia-ministers@e025c9ca8d02cc7f3a5522afd30d49350e64c5cf", "Minister of Foreign Affairs"),
    "FI": ("finland-cabinet@3f060791e48fcdcfda8d5df136266c3edb0ed6bf", "Minister for Foreign Affairs"),
    "FJ": ("fiji-ministers@81248d5360ba140cb9b5a01e6f23e19c529a2222", "Minister for Foreign Affairs"),
    "FM": ("micronesia-ministers@ad903abe19b1a74ef92636ac279b59674ff2afcf", "Secretary of Foreign Affairs"),
    "FO": ("faroes-ministers@83a6d845e9bfb8e467da8a4f5ce35215336d92f0", "Minister of Foreign Affairs"),
    "FR": (
        "france-cabinet@7ff37baf3297a83711c90ac84b1d3b2ecb50a541",
        "Minister of Foreign Affairs|Minister of Europe and Foreign Affairs",
    ),
    "GB": (
        "united-kingdom-cabinet@3a5ec686630cbefc0fe4b96da38a2a50b52d2556",
        "Secretary of State for Foreign and Commonwealth Affairs",
    ),
    "GE": ("georgia-ministers@e843205baddb9cd7321170ede5d08210b1bf6c78", "Minister of Foreign Affairs"),
    "GM": ("gambia-ministers@1eb3ec5bd44f1e352505f30a82095a2c46eb65f2", "Minister of Foreign Affairs"),
    "GN": ("guinea@53109885a0f02b6fef621c643783c78e4f4bd2d4", "Minister of Foreign Affairs"),
    "GQ": ("equatorial-guinea@2b2b3c0acc653564222a49afab20c8b8899753e1", "Minister of Foreign Affairs"),
    "GR": ("greece-cabinet@c85ed597590e7990b7d1a9d69e46b258bb17a7fe", "Minister for Foreign Affairs"),
    "GT": ("guatemala-ministers@fb1b37b7fd1a468c6b82b6ab7e2c406a9cb49b9a", "Minister of Foreign Affairs"),
    "GY": ("guyana@7a14a8568108e2e1e7deefb392bd03ca18a54ef9", "Minister of Foreign Affairs"),
    "HN": ("honduras-ministers@3dad2c4c0fd29ef39ca5281f6223d2bf0f4d7496", "Secretary of Foreign Affairs"),
    "HR": ("croatia-ministers@0438f57523f6972f4b68c82792d90e910866c6c0", "Minister of Foreign and European Affairs"),
    "HU": ("hungary-cabinet@aee95092e592403fee7a5d87f0d6b8eeeda1e9ca", "Minister of Foreign Affairs"),
    "ID": ("indonesia-ministers@66eaaf57191eff7e9d28eea926358bf83d443114", "Minister of Foreign Affairs"),
    "IE": ("ireland-ministers@9823aba2660535dc7b18848f882e85ccb74d75dd", "Minister for Foreign Affairs and Trade"),
    "IL": ("israel-ministers@81da8707e865df568c7ba8b0b89bf95e7ffd4ae1", "Minister of Foreign Affairs"),
    "IN": ("india-ministers@66f344bbf207d35eaa3225edf5584ae0bb164fe8", "Minister of External Affairs"),
    "IR": ("iran-ministers@a8e7c2fb16372b8b77a09303ae27d46a9ea21e67", "Minister of Foreign Affairs"),
    "IS": (
        "Jkudjo/iceland-cabinet@b32c65c8261b765ebd5ea8c5466c544be4e20378",
        "Minister for Foreign Affairs and International Development Cooperation",
    ),
    "IT": ("italy-ministers@4f9e038f62f3c71f737fd7e30a4e35df1686f4eb", "Minister of Foreign Affairs"),
    "JE": ("jersey-cabinet@3e09b27e876841abfaa3368e5bb3025152fc4cb8", "Minister for External Relations"),
    "JM": (
        "jamaica-ministers@ad18aea32bc11fc49e52050392c83e81afbbc022",
        "Minister of Foreign Affairs and Foreign Trade",
    ),
    "JO": ("jordan-ministers@b684d9408554d3eaff38b51d6eb673e28d5b5346", "Minister of Foreign Affairs"),
    "JP": ("japan-ministers@8ba3cb1992bee87f5b8dc566da87db2be8550a1a", "Minister for Foreign Affairs"),
    "KG": ("kyrgyzstan-ministers@d8ff9828032fbb0e1f41920dd6af8c5c08a26a67", "Minister for Foreign Affairs"),
    "KH": ("cambodia@df2cb441064e627e5a1a48002998d5926ebb0606", "Minister of Foreign Affairs"),
    "KN": ("st-kitts-and-nevis-cabinet@9fe4f85658f5912778d982031998eeb255620a14", "Minister of Foreign Affairs"),
    "KR": ("south-korea-ministers@6f17960017c672790f0997885e5b2ff5937305de", "Minister of Foreign Affairs"),
    "LA": ("laos@f697bd9dc5ebd7eaad4154350895b4240e3a8df3", "Minister of Foreign Affairs"),
    "LC": (
        "st-lucia-cabinet@1c039a845dfc5fe9495e8a11a25250f0382fa912",
        "Minister for External Affairs|Minister with responsibility for External Affairs",
    ),
    "LI": (
        "liechtenstein-ministers@78a77422ef7c0b71ccb1e7fbd33818cc326efd64",
        "Minister of Foreign Affairs, Education and Sport",
    ),
    "LS": ("lesotho-ministers@e2e5c91fe1eaeff7393b6348b991cc7e77353b59", "Minister of Foreign Affairs"),
    "LU": ("luxembourg-cabinet@8e3c1d0a89469c7d82d6e8ea036aeb7e60d73b20", "Minister of Foreign and European Affairs"),
    "LV": ("latvia-cabinet@11aa6f928d5aaaa77f1c56f4277f61141ec14b6c", "Minister of Foreign Affairs"),
    "MA": ("morocco-ministers@c3c50343c71bafe6dd6d09084941a788171e3cc2", "Minister of Foreign Affairs"),
    "MD": ("moldova-ministers@8f20086e5f2cc7b6019a841225e3c9e323c8d19d", "Minister of Foreign Affairs"),
    "MG": ("madagascar-ministers@346243ed0d159883b636a776473c8a5db3db3fa9", "Minister of Foreign Affairs"),
    "MH": ("marshall-islands-ministers@cc5f3094ce8cfd5f4540700745ce7bf30f56fa15", "Minister of Foreign Affairs"),
    "MK": ("north-macedonia-ministers@6b2dbc43cce6ff86c47a5d4813c1983d636f55b7", "Minister of Foreign Affairs"),
    "MN": ("mongolia-ministers@08e9b68cedfb11a78520087efd6146f4eac0a239", "Minister of Foreign Affairs"),
    "MV": ("maldives-ministers@198c8d3afa72db8e7fe6337b0cdbb7c035d87b6a", "Minister of Foreign Affairs"),
    "MW": ("malawi-ministers@c6f5263d6b196cccf7d15ec2daf5d72b2e640a6d", "Minister of Foreign Affairs"),
    "MX": ("mexico-ministers@87f5ae7dc992a800173a7c9de53ccbe25661dc61", "Secretary of Foreign Affairs"),
    "NE": ("niger-ministers@9204e837cb38944cbc55b730ba619d549bad9b9c", "Minister of Foreign Affairs"),
    "NI": ("nicaragua@a8cd330326f67e0b3ec7790468b49017db798445", "Minister of Foreign Affairs"),
    "NL": ("netherlands-cabinet@1cfefeff7d30a53d87ddc3951e6470b9c4e55f99", "Minister of Foreign Affairs"),
    "NO": ("norway-cabinet@1d8aa601e462c42e97745444716e97d48510d3e0", "Minister of Foreign Affairs"),
    "NP": ("nepal-ministers@e7e029777565965097ccc6cd3334a7d10ebbea8c", "Minister of Foreign Affairs"),
    "NZ": ("new-zealand-cabinet@b2613c2e35776c47eef3ba949d9df9fb60b0825b", "Minister of Foreign Affairs"),
    "OM": ("oman@c736fb96b1acbd3f0c652b278222e43118015cdb", "Minister of Foreign Affairs"),
    "PA": ("panama-ministers@df6784bc3f72b6369a810e8b6aed3b5ef3e578ef", "Minister of Foreign Affairs"),
    "PG": ("papua-new-guinea@bfe5f9e93226262ff4256362037d57ee047f334d", "Minister of Foreign Affairs"),
    "PH": ("philippines-ministers@1f396f9a8c2e3397cfe392fca350c8943aa1d5f5", "Secretary of Foreign Affairs"),
    "PL": ("poland-cabinet@c6b228df3eed6e9ba89f02bf424f870a66ea47a6", "Minister of Foreign Affairs"),
    "PS": ("palestine@f6314131c4b0a89690fe83591f856ca7f493c24a", "Minister of Foreign Affairs"),
    "PT": ("portugal-cabinet@49dd0287a8d715a217ba067c04d574b2632864af", "Minister of Foreign Affairs"),
    "PY": ("paraguay-ministers@d420f8861e2d935d84539006861f3ed7e0b2e457", "Minister of Foreign Affairs"),
    "QA": ("qatar-ministers@ed4e4ac874447622121a7e54ca13a4703e14924f", "Minister of Foreign Affairs"),
    "RO": ("romania-cabinet@abf88666caa1d86c68f1326d3a9f844d5ddb16a3", "Minister of Foreign Affairs"),
    "RS": ("serbia-ministers@6ef44cf426324ccd7201a642f65e178fdd42d764", "Minister of Foreign Affairs"),
    "RU": ("russia-cabinet@3871831d9846a16c5017acc229e003ab706202ab", "Minister of Foreign Affairs"),
    "RW": ("rwanda-ministers@1bdb78becc32f2a4205c9ef40159d185d574f1b4", "Minister of Foreign Affairs"),
    "SB": ("solomons-ministers@e44629f8b039ae032a37da2075b78dd4eba299cb", "Minister of Foreign Affairs"),
    "SC": ("seychelles-ministers@6a83df987da6565341c9418d4c30abfce0aa5d48", "Minister of Foreign Affairs"),
    "SD": ("sudan@c9addc0e0b468b5aa55416197dd4aaf981250413", "Minister of Foreign Affairs"),
    "SE": ("sweden-cabinet@6289025f1bbbbfc27f30f164de16119f1ec81d20", "Minister for Foreign Affairs"),
    "SG": ("singapore-ministers@7c68317a86e9ab14712685cc12d6e2afc028d410", "Minister for Foreign Affairs"),
    "SI": ("slovenia-cabinet@ab0dbb240de2d835cb7fec00e647781179365525", "Minister of Foreign Affairs"),
    "SK": (
        "slovakia-cabinet@805bef14724fc370d548ff09616b504b236e27b6",
        "Minister of Foreign Affairs|Minister of Foreign and European Affairs",
    ),
    "SL": ("sierra-leone@6cba9e97018925ed86734a9d1aac02c9fb9d76b9", "Minister of Foreign Affairs"),
    "SM": (
        "san-marino-ministers@3b0c7be9f08c0ef61ba4ed6de7b9793d18a37de0",
        "Secretary for Foreign and Political Affairs",
    ),
    "SN": ("senegal-ministers@01c3d1c34a44dffdee2147f822c51eb5d0871b93", "Minister of Foreign Affairs"),
    "SO": ("somalia-cabinet@38141e75fb368b7dd184c03958cda20229ddf22b", "Minister of Foreign Affairs"),
    "SV": ("el-salvador-ministers@17cb6b570d6ddde06d4244c1a58aa15dbfd17942", "Minister of Foreign Affairs"),
    "TD": ("chad-ministers@aa07a6013080ddbe1e9aa09bdf3495514a8fde27", "Minister of Foreign Affairs"),
    "TJ": ("tajikistan-ministers@3039beb43712fe80824177ea9798079233aa257f", "Minister of Foreign Affairs"),
    "TN": ("tunisia-ministers@6e35fc4e7f3d8c1f0bbb453d3b522177a7820dfe", "Minister of Foreign Affairs"),
    "TO": ("tonga-ministers@67eec64e827a463ef39accdcb56e653078d45abb", "Minister of Foreign Affairs"),
    "TR": ("turkey-ministers@288fbd45ee3fa59f8a226437bf43d726c9845f4f", "Minister of Foreign Affairs"),
    "TT": ("trinidad-and-tobago-cabinet@843d0bf3c6cdc8f7ad5404380308b70c90b13e8b", "Minister of Foreign Affairs"),
    "TV": ("tuvalu-ministers@edd6e2b406a8c5b4c1c3e76c2f368085e2b1130a", "Minister of Foreign Affairs"),
    "TZ": ("tanzania-ministers@d1899da0536d4b1ddf1dfb64777a82b0faeb7dd5", "Minister of Foreign Affairs"),
    "UA": ("ukraine-cabinet@4fc6ab0f4d90d6170b674172a115f1bc98478e4b", "Minister of Foreign Affairs"),
    "UG": ("uganda-ministers@67578ead7514c9a985c1c2dcb9d68ff0d8346567", "Minister of Foreign Affairs"),
    "US": ("us-cabinet@0d5e73cb24ba9f78bc36f6cd0fbe9839e6cd8600", "Secretary of State"),
    "UY": ("uruguay-ministers@23112bb50d461da2ca72b574663ccdc2aff09b2f", "Minister of Foreign Affairs"),
    "UZ": ("uzbekistan-ministers@b7cd8a1eaca2bb365d5ade7bdc9870d1ed31bde9", "Minister of Foreign Affairs"),
    "VC": ("st-vincent-and-the-grenadines@ad6f891463b82067858a09b585e329d6c931cb07", "Minister of Foreign Affairs"),
    "VU": (
        "vanuatu-cabinet@85740504f6933ca308232974a4961a50d908f169",
        "Minister of Foreign Affairs and External Trade",
    ),
    "YE": ("yemen@4ea64462ce7facbef58fa67c0ebf61e6b249f6e7", "Minister of Foreign Affairs"),
    "ZA": (
        "south-africa-cabinet@0558a872c69856bba752bd3b8b3604e4e4479252",
        "Minister of International Relations and Cooperation",
    ),
    "ZM": ("zambia-ministers@5c44ea5992cd2dc17e616fc5153f90ee2cad1330", "Minister of Foreign Affairs"),
}
# country items the snapshots use that country-codes.csv gives under another QID
COUNTRY_QID_ALIASES = {"Q55": "NL"}  # the Netherlands (country-codes: the Kingdom, Q29999)
_TITLE = re.compile(r"^(?:Dr\.?|Prof\.?|H\.E\.|Archbishop)\s+")
COLUMNS = ["country", "role", "name", "qid", "start", "end"]
_QID = re.compile(r"Q[1-9][0-9]*")
_OF_PLACE = re.compile(r"\s(?:do|da|dos|das|de)\s+(.+)$")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def qid_to_iso2(codes: Path) -> dict[str, str]:
    """Country QID -> alpha-2 from country-codes.csv (its ``wikidata_id`` URLs), plus ``COUNTRY_QID_ALIASES``."""
    out = dict(COUNTRY_QID_ALIASES)
    for row in read_csv(codes):
        qid, a2 = row.get("wikidata_id", "").strip().rsplit("/", 1)[-1], row["ISO3166-1-Alpha-2"].strip()
        if _QID.fullmatch(qid) and a2:
            out.setdefault(qid, a2)
    return out


def iso3_to_iso2(codes: Path) -> dict[str, str]:
    """Alpha-3 -> alpha-2 from country-codes.csv."""
    out = {}
    for row in read_csv(codes):
        a3, a2 = row["ISO3166-1-Alpha-3"].strip(), row["ISO3166-1-Alpha-2"].strip()
        if a3 and a2:
            out[a3] = a2
    return out


def _fold(text: str) -> str:
    """Case- and accent-folded, for comparing names."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.strip().casefold()) if not unicodedata.combining(c))


def leader_rows(export: list[dict[str, str]], iso2_of: dict[str, str], since: str = SINCE) -> list[dict[str, str]]:
    """The rows to keep (see the module docstring), as ``COLUMNS`` dicts, sorted."""
    seen: dict[tuple[str, str, str, str], dict[str, str]] = {}
    local_names = {_fold(row.get("country", "")) for row in export} - {""}
    for row in export:
        qid, role = row.get("person_qid", "").strip(), row.get("role", "").strip()
        start, end = row.get("start", "")[:10], row.get("end", "")[:10]
        iso2 = iso2_of.get(row.get("iso3", "").strip())
        name = " ".join(row.get("person", "").split())
        local = row.get("country", "").strip()
        if not (_QID.fullmatch(qid) and role in ROLES and iso2 and name and start):
            continue
        if end and end < since:
            continue
        of = _OF_PLACE.search(name)
        if (len(local) > 3 and _fold(local) in _fold(name)) or (of and _fold(of.group(1)) in local_names):
            continue  # a name in the export's own language ("Mohammed VI de Marrocos")
        key = (qid, role, iso2, start)
        kept = seen.get(key)
        if kept is None or (kept["end"] and (not end or end > kept["end"])):
            seen[key] = {"country": iso2, "role": role, "name": name, "qid": qid, "start": start, "end": end}
    rows = sorted(seen.values(), key=lambda r: (r["country"], r["role"], r["start"], r["qid"]))
    for i, row in enumerate(rows):  # an open term ends when someone else takes up the office
        if not row["end"]:
            nxt = next(
                (
                    r
                    for r in rows[i + 1 :]
                    if (r["country"], r["role"]) == (row["country"], row["role"])
                    and r["start"] > row["start"]
                    and r["qid"] != row["qid"]
                ),
                None,
            )
            row["end"] = nxt["start"] if nxt else ""
    return [r for r in rows if r["start"] >= EARLIEST and (not r["end"] or r["end"] >= since)]


def _day(value: str, *, end: bool) -> str:
    """An ISO date from a full date, a month or a year: the first day of a start, the last of an end."""
    value = value.strip()[:10]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    if re.fullmatch(r"\d{4}-\d{2}", value):
        if not end:
            return value + "-01"
        year, month = int(value[:4]), int(value[5:])
        nxt = f"{year + month // 12:04d}-{month % 12 + 1:02d}-01"
        return (_dt.date.fromisoformat(nxt) - _dt.timedelta(days=1)).isoformat()
    if re.fullmatch(r"\d{4}", value):
        return value + ("-12-31" if end else "-01-01")
    return ""


def _in_history(qid: str, start: str, history: set[tuple[str, str]]) -> bool:
    """Whether a snapshot's term (its holder and the start it gives) is one that the country's
    history, a set of (QID, start), already gives: the term of the history's last holder, or one
    starting no later than that whose holder the history names or that starts on a day one of the
    history's terms starts (another item for the same person, such as a duplicate Wikidata item)."""
    if not history:
        return False
    last = max(s for _, s in history)
    if (qid, last) in history:
        return True
    return start <= last and any(q == qid or s == start for q, s in history)


def foreign_minister_rows(
    snapshots: dict[str, list[dict[str, str]]],
    histories: dict[str, list[dict[str, str]]],
    country_of: dict[str, str],
    since: str = SINCE,
) -> list[dict[str, str]]:
    """Foreign ministers' terms (``COLUMNS`` dicts, sorted) from dated snapshots of the holders and
    per-country position histories (see the module docstring); histories win for their country,
    the snapshots adding only a term the history does not give (``_in_history``)."""
    terms: dict[tuple[str, str, str], dict[str, str]] = {}  # (country, qid, start) -> row
    for iso2, rows in histories.items():
        for row in rows:
            qid, name = row.get("item", "").strip(), " ".join(row.get("itemLabel", "").split())
            start, end = _day(row.get("startDate", ""), end=False), _day(row.get("endDate", ""), end=True)
            if not (_QID.fullmatch(qid) and name and start and name != qid) or (end and end < start):
                continue  # (an end before the start is a typo in the data: no term to trust)
            kept = terms.get((iso2, qid, start))
            if kept is None or (kept["end"] and (not end or end > kept["end"])):  # the longest of duplicates
                terms[(iso2, qid, start)] = {
                    "country": iso2,
                    "role": FM_ROLE,
                    "name": name,
                    "qid": qid,
                    "start": start,
                    "end": end,
                }
    dates = sorted(snapshots)
    history: dict[str, set[tuple[str, str]]] = {}  # country -> its history's (QID, start)
    for iso2, qid, start in terms:
        history.setdefault(iso2, set()).add((qid, start))
    seen: dict[tuple[str, str], list[str]] = {}  # (country, qid) -> the snapshot days it is listed on
    starts: dict[tuple[str, str], str] = {}  # the earliest start given (an acting term, then the term)
    names: dict[tuple[str, str], str] = {}
    for day in dates:
        for row in snapshots[day]:
            qid, iso2 = row.get("person", "").strip(), country_of.get(row.get("country", "").strip(), "")
            start = _day(row.get("start", ""), end=False)
            label = row.get("personLabel") or _TITLE.sub("", row.get("name", ""))
            if not (_QID.fullmatch(qid) and iso2 and start and label.strip()):
                continue
            if iso2 in histories and _in_history(qid, start, history.get(iso2, set())):
                continue
            key = (iso2, qid)
            if day not in seen.setdefault(key, []):
                seen[key].append(day)
            starts[key] = min(start, starts.get(key, start))
            if "personLabel" in row or key not in names:
                names[key] = " ".join(label.split())
    for key, days in seen.items():
        (iso2, qid), start = key, starts[key]
        end = ""
        if days[-1] != dates[-1]:  # gone by the next snapshot: the next holder's start, else that day
            gone = dates[dates.index(days[-1]) + 1]
            nxt = sorted(
                starts[k] for k, d in seen.items() if k[0] == iso2 and k[1] != qid and gone in d and starts[k] > start
            )
            end = nxt[0] if nxt else gone
        terms[(iso2, qid, start)] = {
            "country": iso2,
            "role": FM_ROLE,
            "name": names[key],
            "qid": qid,
            "start": start,
            "end": end,
        }
    rows = sorted(terms.values(), key=lambda r: (r["country"], r["start"], r["qid"]))
    for i, row in enumerate(rows):  # an open history term ends when the next holder takes up the office
        if not row["end"] and row["country"] in histories:
            successor = next(
                (
                    r
                    for r in rows[i + 1 :]
                    if r["country"] == row["country"] and r["start"] > row["start"] and r["qid"] != row["qid"]
                ),
                None,
            )
            row["end"] = successor["start"] if successor else ""
    return [r for r in rows if r["start"] >= EARLIEST and (not r["end"] or r["end"] >= since)]


def holder_rows(rows: list[dict[str, str]], positions: set[str]) -> list[dict[str, str]]:
    """The rows of an every-politician-scrapers ``html/holders21.csv`` (``position,person,personID,
    start,end,...``: every holder of the country's positions this century) for the named positions,
    in the ``--fm-history`` form."""
    return [
        {
            "item": r.get("personID", ""),
            "itemLabel": r.get("person", ""),
            "startDate": r.get("start", ""),
            "endDate": r.get("end", ""),
        }
        for r in rows
        if r.get("position", "").strip() in positions
    ]


def _git_csv(clone: Path, commit: str, path: str) -> list[dict[str, str]]:
    """A CSV file of a git clone at a commit."""
    text = subprocess.run(
        ["git", "-C", str(clone), "show", f"{commit}:{path}"], capture_output=True, text=True, check=True
    ).stdout
    return list(csv.DictReader(io.StringIO(text)))


def recorded_sources(root: Path) -> tuple[dict[str, list[dict[str, str]]], dict[str, list[dict[str, str]]]]:
    """The snapshots and histories of ``FM_SNAPSHOTS``, ``FM_HISTORIES`` and ``FM_HOLDERS``, read at
    their commits from the git clones ``root/<repository>``."""
    snapshots = {
        day: _git_csv(root / "world", commit, "sources/foreign/wikidata.csv") for day, commit in FM_SNAPSHOTS.items()
    }
    histories: dict[str, list[dict[str, str]]] = {}
    for iso2, where in FM_HISTORIES.items():
        repo_commit, folder = where.split(" ")
        repo, commit = repo_commit.split("@")
        histories[iso2] = _git_csv(root / repo, commit, f"{folder}/wikidata.csv")
    for iso2, (repo_commit, labels) in FM_HOLDERS.items():
        repo, commit = repo_commit.split("@")
        clone = root / repo.rsplit("/", 1)[-1]  # "owner/name": a clone named by the repository's name
        rows = holder_rows(_git_csv(clone, commit, "html/holders21.csv"), set(labels.split("|")))
        histories.setdefault(iso2, []).extend(rows)
    return snapshots, histories


def _pairs(values: list[str], what: str) -> dict[str, Path]:
    out = {}
    for value in values:
        key, sep, path = value.partition("=")
        if not sep:
            raise SystemExit(f"{what}: expected KEY=FILE, got {value!r}")
        out[key] = Path(path)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("export", type=Path)
    parser.add_argument(
        "--codes", type=Path, default=REPO.parent / "shared" / "data" / "wikidata" / "country-codes.csv"
    )
    parser.add_argument("--out", type=Path, default=REPO / "kg" / "data" / "curated" / "leaders_wikidata.csv")
    parser.add_argument(
        "--fm-snapshot",
        action="append",
        default=[],
        metavar="DATE=FILE",
        help="the foreign ministers in office on DATE (repeatable)",
    )
    parser.add_argument(
        "--fm-history",
        action="append",
        default=[],
        metavar="ISO2=FILE",
        help="the history of one country's foreign-minister position (repeatable)",
    )
    parser.add_argument(
        "--fm-holders",
        action="append",
        default=[],
        metavar="ISO2=FILE#POSITION[|POSITION]",
        help="a country's holders21.csv and the foreign minister's position label(s) in it",
    )
    parser.add_argument(
        "--from-git",
        type=Path,
        metavar="DIR",
        help="read the recorded snapshots and histories from git clones DIR/<repository>",
    )
    args = parser.parse_args(argv)
    rows = leader_rows(read_csv(args.export), iso3_to_iso2(args.codes))
    snapshots = {day: read_csv(path) for day, path in _pairs(args.fm_snapshot, "--fm-snapshot").items()}
    histories = {iso2: read_csv(path) for iso2, path in _pairs(args.fm_history, "--fm-history").items()}
    for iso2, spec in _pairs(args.fm_holders, "--fm-holders").items():
        path, _, labels = str(spec).partition("#")
        histories.setdefault(iso2, []).extend(holder_rows(read_csv(Path(path)), set(labels.split("|"))))
    if args.from_git:
        recorded_snapshots, recorded_histories = recorded_sources(args.from_git)
        snapshots.update(recorded_snapshots)
        for iso2, rows_of in recorded_histories.items():
            histories.setdefault(iso2, []).extend(rows_of)
    if snapshots or histories:
        rows += foreign_minister_rows(snapshots, histories, qid_to_iso2(args.codes))
        rows.sort(key=lambda r: (r["country"], r["role"], r["start"], r["qid"]))
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {args.out}: {len(rows)} terms of {len({r['qid'] for r in rows})} people", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
