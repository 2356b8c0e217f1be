"""Words that say nothing about which answer fits a question: stopwords, and politeness and
filler ("social" words), set aside when a question is read."""

from __future__ import annotations

STOPWORDS = frozenset(
    """a an the and or but if so as at by for from in into of off on onto to with about
    am is are was were be been being do does did doing done have has had having get gets got
    can could would should shall will may might must i me my mine myself we us our he him his
    they them their theirs themselves she her hers herself
    himself it its itself this that these those there here then than just very really also
    any some such please tell know explain info let lets ok okay um uh
    husband wife dad father mom mother partner son daughter brother sister friend uncle
    hubby hubbie hubs husbands dads mum mam pops papa boyfriend girlfriend fiance fiancee
    grandpa grandfather family loved one someone somebody said says told mentioned heard
    sorry dumb stupid silly honestly actually basically exactly simply simple plain normal known
    words terms english understand mean means meaning wondering wonder curious asking ask
    asked keep keeps kept saying say anyone anybody something anything everything stuff
    thing things lot lots bit little guess maybe probably okay quick quickly again
    s t d ll ve re m want wants wanted wanting need needs needed still going up out too
    yes pls plz tho thru yesterday today tonight guys guy folks gonna wanna kinda sorta
    yeah yep currently recently already every through week weeks
    day days night nights morning mornings evening afternoon ago since last lately
    mild mildly slight slightly bit pretty fairly quite bad badly
    anyway anyways anymore else btw usually typically generally
    twice alright terrible terribly awful awfully horrible horribly yr yrs crazy insane
    ridiculous outrageous specifically particularly especially
    allowed allow permitted true q question questions
    somewhere anyplace someplace because cuz coz""".split()
)
"""Words that say nothing about which answer fits. Kept out of the word overlap."""

SOCIAL = frozenset(
    """thank thanks thankyou cheers hi hello hey hiya lol haha hmm er erm ugh omg wow
    fella fellas deal whatever anyhow""".split()
)
"""Politeness and filler: no content in a message that names a subject ("wat r provenge
benefits thx", "what's the deal with that prostate vaccine"); the content of "thanks,
that helps a lot"."""
