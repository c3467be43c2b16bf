"""Documents written for the reception tests, about an invented film, Salt Harbour (2021)."""

from __future__ import annotations

ENCYCLOPEDIA = """\
= Salt Harbour =

Salt Harbour
- Director: Wendell Oakes
- Starring: Anika Dorsch, Tomas Reyl
- Runtime: 104 minutes
- Released: 2021-04-09

Salt Harbour is a 2021 British mystery drama film directed by Wendell Oakes and starring \
Anika Dorsch and Tomas Reyl.

==Production==
Wendell Oakes praised the crew for finishing the shoot early. Pim Calder of Northlight \
Pictures said the film would open in April.

==Reception==
The film received mixed reviews, with critics divided over its ending. On Rotten Tomatoes, \
the film has an average rating of 5.9/10.

Ines Marlowe of The Harbour Gazette panned the film, giving it 2/5. She found the pacing \
sluggish and the dialogue stilted.

Rafe Okonkwo, writing for Screen Ledger, called it "a quietly gripping puzzle" and praised \
Anika Dorsch's performance as "fierce and precise".

The Evening Lantern's Dana Whitcombe gave the film a mixed review, praising the \
cinematography but criticizing the plot as predictable.

Hugo Brandt critiqued the score as overbearing.
"""

# Ines Marlowe's own review: quoted above, counted once.
MARLOWE = """\
By Ines Marlowe, The Harbour Gazette

Salt Harbour wants to be a slow-burn mystery, but it mostly burns out. The pacing is \
sluggish from the first scene to the last. Tomas Reyl does what he can with a thin role, \
and Anika Dorsch is wasted. I found the ending predictable and the dialogue stilted.

Rating: 2/5
"""

# A review quoted nowhere else, with a <b> tag that a page must show as text.
TALLIS = """\
By Corin Tallis, Quayside Weekly

Salt Harbour is a superb, gripping mystery and I loved every minute of it. Anika Dorsch \
gives an outstanding performance, and the camera work is beautiful <b>and</b> patient. \
The twisty plot is clever and the score is haunting. I would recommend it to anyone.

Grade: A-
"""
