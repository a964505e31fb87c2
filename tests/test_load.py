from catalogue import load_catalogue
from catalogue.fix import dump_entry
from tests.support import TODAY, valid_entry, write_entry


def test_broken_file_is_skipped_and_the_rest_load(catalogue_dir):
    write_entry(catalogue_dir, "good")
    other = valid_entry()
    other.update(name="Second Tool", url="https://second.example/")
    write_entry(catalogue_dir, "second", other)
    write_entry(catalogue_dir, "broken", text="name: [unclosed\n")
    write_entry(catalogue_dir, "_example", text="not: loaded\n")
    result = load_catalogue(catalogue_dir, today=TODAY)
    assert [tool.slug for tool in result.tools] == ["good", "second"]
    assert result.skipped_files == ("tools_data/broken.yaml",)


def test_derived_regions(catalogue_dir):
    write_entry(catalogue_dir, "good")
    tool = load_catalogue(catalogue_dir, today=TODAY).tools[0]
    assert tool.deployed_ilo_regions == ("Africa", "Arab States")
    assert tool.deployed_m49_regions == ("Africa", "Asia")
    assert tool.deployed_m49_sub_regions == ("Sub-Saharan Africa", "Western Asia")
    assert tool.developed_ilo_regions == ("Africa",)
    assert tool.four_ps == ("prevention", "protection")
    assert tool.open_source and not tool.is_global


def test_global_is_its_own_bucket(catalogue_dir):
    data = valid_entry()
    data["deployed_in"] = ["global"]
    write_entry(catalogue_dir, "good", data)
    tool = load_catalogue(catalogue_dir, today=TODAY).tools[0]
    assert tool.is_global
    assert tool.deployed_ilo_regions == ("global",)
    assert tool.deployed_m49_sub_regions == ("global",)


def test_yaml_is_loaded_safely(catalogue_dir, tmp_path):
    marker = tmp_path / "pwned"
    text = dump_entry(valid_entry()).replace(
        "name: Fixture Helpline", f"name: !!python/object/apply:os.system ['touch {marker}']")
    write_entry(catalogue_dir, "evil", text=text)
    result = load_catalogue(catalogue_dir, today=TODAY)
    assert result.tools == ()
    assert not marker.exists()


def test_real_catalogue_loads_without_errors():
    result = load_catalogue()
    assert result.skipped_files == ()
    assert len(result.tools) >= 25
