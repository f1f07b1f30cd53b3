"""`python3 -m sessionscope_flask keygen`: a new developer key as a pairing string."""

import sys

from .core.keys import generate_key


def main(argv: list) -> int:
    if argv[1:] != ["keygen"]:
        print("usage: python3 -m sessionscope_flask keygen", file=sys.stderr)
        return 2
    key = generate_key()
    print(key.pairing)
    print(f"key id: {key.kid} (give the pairing string to the server as SESSIONSCOPE_KEYS, and to the panel)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
