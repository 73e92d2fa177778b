# Norwegian Nynorsk writes dates and numbers as Bokmål does: 31.12.2013, 14:30, decimal comma.
from frivillig.formats.nb.formats import *  # noqa: F403
