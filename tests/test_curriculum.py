"""The curriculum follows upstream's rule step by step; its state survives save/load."""
from __future__ import annotations

import json
import threading

import pytest

import rlve_fast
from rlve_fast.curriculum import Curriculum, CurriculumStateError


def simulated_policy(env_id, level):
    """Solves Sorting up to level 3 always, level 4 half the time (by seed parity), never beyond."""
    return lambda seed: 1 if level <= 3 else (seed % 2 if level == 4 else 0)


def test_level_trajectory_follows_the_rule_step_by_step():
    spp, min_prompts, window = 4, 2, 3
    c = Curriculum(["Sorting"], samples_per_prompt=spp, min_prompts=min_prompts, window=window,
                   threshold=0.9, seed=5)
    # an independent statement of the rule, tracked alongside
    top, counted, correct = 0, 0, 0
    history = []
    for step in range(30):
        problems = [c.next_problem() for _ in range(3)]  # 3 prompts x 4 samples per step
        for p in problems:
            assert top - window + 1 <= p.difficulty <= top  # drawn from the window
        samples = []
        for p in problems:
            for k in range(spp):
                acc = simulated_policy("Sorting", p.difficulty)(p.seed + k)
                samples.append({"environment": "Sorting", "problem_difficulty": p.difficulty, "accuracy": acc})
                if p.difficulty == top:
                    counted += 1
                    correct += acc
        log = c.update(samples)
        if counted >= min_prompts * spp:
            assert log["RLVE/Sorting/accuracy"] == correct / counted
            if correct / counted >= 0.9:
                top += 1
            counted, correct = 0, 0
        else:
            assert "RLVE/Sorting/accuracy" not in log
        assert c.difficulty["Sorting"] == top
        history.append(top)
    # it climbs to the policy's edge and stays there: levels 0-3 are mastered, 4 is not
    assert history[:3] == [1, 2, 3] and history[-1] == 4 and max(history) == 4
    assert c.problem_seed == 90  # one seed per problem, increasing


def test_seeds_increase_and_draws_are_reproducible():
    a = Curriculum(["Sorting", "CRT"] if "CRT" in rlve_fast.environments() else ["Sorting"], seed=3)
    b = Curriculum(a.environments, seed=3)
    pa = [a.next_problem() for _ in range(20)]
    pb = [b.next_problem() for _ in range(20)]
    assert [p.config for p in pa] == [p.config for p in pb]
    assert [p.seed for p in pa] == sorted(p.seed for p in pa)


def test_per_sample_updates_check_immediately():
    c = Curriculum(["Sorting"], samples_per_prompt=2, min_prompts=2)
    logs = [c.record("Sorting", 0, 1) for _ in range(4)]
    assert logs[:3] == [{}, {}, {}] and logs[3] == {"RLVE/Sorting/accuracy": 1.0, "RLVE/Sorting/difficulty": 1}
    assert c.record("Sorting", 0, 1) == {}  # below the maximum now: not counted
    assert c.counted["Sorting"] == 0
    with pytest.raises(ValueError):
        c.record("Sorting", 5, 1)


def test_slime_style_samples_are_accepted():
    class Sample:
        def __init__(self):
            self.metadata = {"environment": "Sorting", "problem_difficulty": 0, "config": {}}
            self.reward = {"reward": 1.0, "accuracy": 1, "format_score": 1}

    c = Curriculum(["Sorting"], samples_per_prompt=1, min_prompts=2)
    assert c.update([Sample(), Sample()])["RLVE/Sorting/difficulty"] == 1


def test_state_round_trip_resumes_exactly(tmp_path):
    c = Curriculum(["Sorting"], samples_per_prompt=1, min_prompts=3, seed=9)
    for _ in range(7):
        p = c.next_problem()
        c.record("Sorting", p.difficulty, 1)
    path = tmp_path / "state.json"
    c.save(str(path))
    resumed = Curriculum.load(str(path))
    assert resumed.state_dict() == c.state_dict()
    assert [resumed.next_problem().config for _ in range(5)] == [c.next_problem().config for _ in range(5)]
    assert json.loads(path.read_text())["format"] == "rlve_fast.curriculum/1"


def test_bad_state_files_are_refused_and_left_alone(tmp_path):
    path = tmp_path / "state.json"
    good = Curriculum(["Sorting"])
    good.save(str(path))
    text = path.read_text()
    path.write_text(text[: len(text) // 2])  # truncated
    with pytest.raises(CurriculumStateError, match="truncated"):
        Curriculum.load(str(path))
    path.write_text(json.dumps({"format": "something-else/7"}))
    with pytest.raises(CurriculumStateError):
        Curriculum.load(str(path))
    with pytest.raises(CurriculumStateError):
        good.load_state_dict({"format": "rlve_fast.curriculum/1", "settings": {"environments": ["Sorting"]}})
    assert good.difficulty == {"Sorting": 0}  # a refused load changes nothing


def test_unknown_environment_is_refused():
    with pytest.raises(rlve_fast.UnknownEnvironmentError):
        Curriculum(["Sortng"])


def test_metrics_and_thread_safety():
    c = Curriculum(["Sorting"], samples_per_prompt=1, min_prompts=1000)

    def work():
        for _ in range(250):
            c.record("Sorting", 0, 1)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert c.counted["Sorting"] == 0 and c.difficulty["Sorting"] == 1  # exactly one check, at 1000
    assert c.metrics()["RLVE/Sorting/difficulty"] == 1


def _advanced(seed=9):
    c = Curriculum(["Sorting"], samples_per_prompt=1, min_prompts=2, seed=seed)
    for _ in range(5):
        p = c.next_problem()
        c.record("Sorting", p.difficulty, 1)
    return c


@pytest.mark.parametrize("damage", [
    lambda s: s["settings"].pop("window"),                 # a missing setting
    lambda s: s.pop("counted"),                            # a missing table
    lambda s: s["difficulty"].pop("Sorting"),              # a table without the environment
    lambda s: s["difficulty"].update(Sorting="3"),         # a level that is not an integer
    lambda s: s["settings"].update(min_prompts=0),         # out of range
    lambda s: s.update(problem_seed=True),                 # a bool is not a counter
    lambda s: s["settings"].update(environments=["Sortng"]),  # an id this installation lacks
    lambda s: s.update(format="rlve_fast.curriculum/0"),   # another version
])
def test_an_invalid_state_is_refused_whole_and_changes_nothing(damage):
    c = _advanced()
    before = c.state_dict()
    state = json.loads(json.dumps(_advanced(seed=1).state_dict()))
    state["difficulty"]["Sorting"] = 7  # would visibly change c if anything were assigned
    damage(state)
    with pytest.raises(CurriculumStateError):
        c.load_state_dict(state)
    assert c.state_dict() == before


def test_a_file_that_is_not_utf8_is_a_state_error(tmp_path):
    path = tmp_path / "state.json"
    path.write_bytes(b'{"format": "\xff\xfe\xfa"}')
    with pytest.raises(CurriculumStateError, match="UTF-8"):
        Curriculum.load(str(path))


def test_loading_a_damaged_file_names_the_problem_and_the_file(tmp_path):
    path = tmp_path / "state.json"
    state = _advanced().state_dict()
    del state["settings"]["window"]
    path.write_text(json.dumps(state))
    with pytest.raises(CurriculumStateError, match="window") as info:
        Curriculum.load(str(path))
    assert str(path) in str(info.value)


def test_a_failed_save_keeps_the_previous_file(tmp_path, monkeypatch):
    path = tmp_path / "state.json"
    c = _advanced()
    c.save(str(path))
    before = path.read_text()
    c.record("Sorting", c.difficulty["Sorting"], 1)
    monkeypatch.setattr("os.replace", lambda *a: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        c.save(str(path))
    assert path.read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]  # no temporary file left


def test_pickled_curriculum_is_a_copy_that_continues_the_same_way():
    import pickle

    c = _advanced()
    copy = pickle.loads(pickle.dumps(c))
    assert copy.state_dict() == c.state_dict()
    assert [copy.next_problem().config for _ in range(3)] == [c.next_problem().config for _ in range(3)]
    copy.record("Sorting", copy.difficulty["Sorting"], 1)
    assert copy.counted != c.counted  # independent
