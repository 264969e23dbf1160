"""Field paths into answers (craft run's expect and save): header fields,
items of list fields by name or index, and their sub-fields, checked against
the layer modules when the script is read."""

from __future__ import annotations

import pytest

import craft
from craft.decode import walk
from craft.errors import ProfileError
from craft.layers.base import IPV6
from craft.profile.fieldpath import parse
from craft.profile.load import load_profile_text

RA = """
frames:
  - layers:
      - ether: {}
      - ipv6: {}
      - icmpv6:
          type: router-advert
          options: [{mtu: 1400}, {prefix-info: {prefix: "2001:db8:7::", valid: 99}}]
"""


def _icmpv6() -> dict:
    (built,) = craft.build(load_profile_text(RA), backend="struct")
    return walk.decode(built.data)[2].values


def test_items_by_name_and_index_and_their_fields() -> None:
    v = _icmpv6()
    assert parse("icmpv6.options.mtu", None, "p").get(v) == 1400
    prefix = parse("icmpv6.options.prefix-info.prefix", None, "p")
    assert prefix.get(v) == bytes.fromhex("20010db8000700000000000000000000")
    assert prefix.spec is not None and prefix.spec.kind == IPV6  # compared as an address
    assert parse("icmpv6.options[1].valid", None, "p").get(v) == 99
    assert parse("icmpv6.options[0]", None, "p").get(v) == 1400
    assert parse("icmpv6.options[5]", None, "p").get(v) is None  # no such item: absent
    assert parse("icmpv6.options.rdnss.lifetime", None, "p").get(v) is None
    assert parse("icmpv6.type", None, "p").get(v) == 134


@pytest.mark.parametrize(("text", "says"), [
    ("icmpv6.options.mtux", "has no item 'mtux' (did you mean 'mtu'?)"),
    ("icmpv6.options.prefix-info", "name one field of prefix-info"),
    ("icmpv6.options.prefix-info.prefx", "did you mean 'prefix'?"),
    ("icmpv6.options.mtu.value", "mtu is one value, with no fields"),
    ("icmpv6.type.x", "icmpv6.type is not a list of named items"),
    ("icmpv6.options[0].nothing", "no item of icmpv6.options has a field 'nothing'"),
    ("tcpp.seq", "unknown layer 'tcpp'"),
    ("seq", "is not a field: write layer.field"),
])
def test_a_wrong_path_says_what_the_layer_has(text: str, says: str) -> None:
    with pytest.raises(ProfileError) as e:
        parse(text, None, "steps[0].save.x")
    assert says in str(e.value)
