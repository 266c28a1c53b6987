import math
import re

from reporting import receipts


def test_a_receipt_code_is_four_groups_of_four_from_an_unambiguous_alphabet():
    code = receipts.new_receipt_code()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code)
    assert not set(code) & set("ILOU")


def test_a_receipt_code_carries_at_least_80_bits_of_entropy():
    symbols = receipts.GROUPS * receipts.GROUP_SIZE
    assert symbols * math.log2(len(receipts.ALPHABET)) >= 80


def test_codes_do_not_repeat():
    assert len({receipts.new_receipt_code() for _ in range(2000)}) == 2000


def test_entry_ignores_case_spaces_and_hyphens_and_reads_look_alikes_kindly():
    code = receipts.new_receipt_code()
    typed = code.lower().replace("-", " ")
    assert receipts.normalise(typed) == code
    assert receipts.normalise("o0o0 iiii llll 2345") == "0000-1111-1111-2345"


def test_entry_that_cannot_be_a_code_is_rejected():
    assert receipts.normalise("") is None
    assert receipts.normalise("ABCD-EFGH") is None
    assert receipts.normalise("ABCD-EFGH-JKMN-PQR!") is None


def test_only_a_salted_slow_hash_is_kept_and_it_is_stable_for_lookup(settings):
    code = receipts.new_receipt_code()
    first = receipts.receipt_hash(code)
    assert first == receipts.receipt_hash(code)
    assert code not in first and len(first) == 64
    settings.RECEIPT_SALT = "another-salt-entirely"
    assert receipts.receipt_hash(code) != first
