import pycountry

from catalogue.geography import ILO_REGIONS, countries


def test_every_iso_country_has_exactly_one_row():
    table = countries()
    iso = {country.alpha_3 for country in pycountry.countries}
    assert set(table) == iso
    with open("catalogue/regions.csv", encoding="utf-8") as handle:
        codes = [line.split(",", 1)[0] for line in handle.read().splitlines()[1:]]
    assert len(codes) == len(set(codes))


def test_ilo_arab_states_are_exactly_the_twelve():
    arab = {code for code, c in countries().items() if c.ilo_region == "Arab States"}
    assert arab == set("BHR IRQ JOR KWT LBN OMN QAT SAU SYR ARE YEM PSE".split())


def test_north_africa_is_africa_and_central_asia_is_europe_and_central_asia():
    table = countries()
    assert {table[c].ilo_region for c in ("EGY", "MAR", "DZA", "TUN", "LBY", "SDN")} == {"Africa"}
    assert {table[c].ilo_region for c in ("KAZ", "UZB", "TUR", "GEO")} == {"Europe and Central Asia"}
    assert table["AUS"].ilo_region == "Asia and the Pacific"
    assert table["BRA"].m49_sub_region == "Latin America and the Caribbean"


def test_every_inhabited_country_has_an_ilo_region():
    regions = {c.ilo_region for c in countries().values()}
    assert regions - {""} == set(ILO_REGIONS)
    assert [code for code, c in countries().items() if not c.ilo_region] == ["ATA"]
