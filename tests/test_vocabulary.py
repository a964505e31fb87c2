from catalogue.vocabulary import FACET_LISTS, load_taxonomy

ISSUE_FOUR_PS = {
    "prevention": {"awareness_prevention", "safe_migration", "supply_chain_due_diligence", "worker_voice"},
    "protection": {"victim_identification", "victim_survivor_support"},
    "prosecution": {"investigation_prosecution", "disruption_deterrence"},
    "partnership": {"data_research", "coordination_referral", "training_capacity_building"},
}


def test_every_list_keeps_other_and_has_labels_and_definitions():
    taxonomy = load_taxonomy()
    for name in FACET_LISTS:
        terms = taxonomy.lists[name]
        if name not in ("four_ps", "status", "access"):
            assert "other" in terms, name
        for key, term in terms.items():
            assert key == key.lower() and " " not in key
            assert term.label and term.definition.endswith("."), (name, key)


def test_purposes_roll_up_to_the_four_ps():
    roll_up = load_taxonomy().four_p_of_purpose
    for four_p, purposes in ISSUE_FOUR_PS.items():
        assert {p for p in purposes if roll_up[p] == four_p} == purposes
    assert set(roll_up.values()) == set(ISSUE_FOUR_PS)
