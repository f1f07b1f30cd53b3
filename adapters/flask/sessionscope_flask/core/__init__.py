"""The protocol, in Python, with no Flask import: keys, typed values, redaction, change and sizes,
the header, the JWE seal, the payload stores and the by-reference endpoint (plain WSGI).

It mirrors protocol/src/ of the TypeScript implementation; protocol/vectors/ is the contract
between the two, run by tests/test_vectors.py. PROTOCOL.md is the prose.
"""
