"""Wire constants of the Sessionscope protocol (PROTOCOL.md); protocol/src/constants.ts in TypeScript."""

import re

PROTOCOL_VERSION = 1
KEY_ID_HEADER = "X-Sessionscope-Kid"
DEBUG_HEADER = "X-Sessionscope"
DEFAULT_MOUNT_PATH = "/__sessionscope"
# nginx proxies with a 4 KB buffer for the whole response header block by default: 3 KB inline
# leaves the app room for its own headers; larger payloads go by reference.
DEFAULT_INLINE_LIMIT = 3072
PAIRING_PREFIX = "sessionscope1:"
PAYLOAD_CONTENT_TYPE = "application/sessionscope+json"
KEY_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{22}$")
REF_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")
