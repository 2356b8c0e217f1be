"""Everyday English words that are never "corrected" into a knowledge-base word.

Typo correction only touches words the knowledge base does not use, one edit from one
it does. Some such words are plain English that happen to sit one edit from a domain
word ("tried" / "tired", "relies" / "relief", "lining" / "living", "dose" / "does"):
correcting them would change the question. These are protected.
"""

from __future__ import annotations

COMMON_WORDS = frozenset(
    """about above across act acted acting action actual add added adding after again
    against age aged ago agree ahead aim air all allow allowed almost alone along already
    alright also although always among amount and angry another answer answered any
    anyway appear apply applied area arm arms around arrive asked asleep aunt away awful
    baby back bad badly bag ball bank bar base based basic bath bear beat became become
    bed been before began begin behind being believe belly belt bent best better between
    big bill bills bird birth bit bite black blame blind block blocks board boat body
    boil book books born borrow boss both bother bottle bought box boy brain brand bread
    break breaks bright bring broke broken brought brown build built burn burned bus busy
    buy call called calling calls calm came camp can car card care cared careful carry
    case cases cat catch caught cause center chair chance change changed changes changing
    charge cheap check checked child choice choose chose church city claim class clean
    clear clearly climb close closed clothes cloud coat cold color come comes coming
    common company compare compared complete cook cool copy corner cost costs could count
    country couple course court cousin cover cried cross crowd cry cup cut dad daily damp
    dance dark date day days dead deal dealing dear decide decided deep degree deliver
    depend describe desk detail died dies diet differ different dinner direct dirty dish
    doing dollar done door dose doses double doubt down draw dream dress drew drink drive
    driven driving drop dropped drove dry due during dust duty each ear early earn easy
    eat eaten edge eight either else empty end ended ending enjoy enough enter entire
    equal error even evening ever every exact example except excited exercise expect
    explain extra eye eyes face fact fail failed fair fall fallen false family famous far
    farm fast fat father fault fear feed feel feeling feet fell felt few field fight
    figure fill filled final find fine finger finish fire firm first fish fit five fix
    fixed flat floor flow fly fold follow food foot force forget form forward found four
    free fresh friend front fruit full fun funny game garden gas gate gave general gentle
    get gift girl give given glad glass goes gold gone good got grand grass great green
    grew ground group grow guess guide gun hair half hall hand hang happen happened happy
    hard hardly hate head heard heart heat heavy held hello help hid high hill hire hit
    hold hole holiday home hope horse hospital hot hotel hour house huge hug human hung
    hunt hurry hurt husband idea ill include indeed inside instead iron island job join
    joke joy judge jump junk just keen key kid kids kill kind king kitchen knee knew knock
    knot lady laid lake land lane large last late later laugh law lay lead leaf learn
    least leave led left leg legal lend less lesson let letter level lie lies life lift
    light like likes lime line lines lining list listen little live lived lives living
    load loan local lock long look looked looking loose lose lost lot loud love low luck
    lunch made mail main major make makes making male man many map mark market married
    matter may meal meat meet meeting member men mess met metal middle might mile milk
    mind mine minute miss missed mix model moment money month moon more morning most
    mother mouth move moved much mum music must name narrow nature near neck need needed
    needs neither nervous never new news next nice night nine noise none noon north nose
    note nothing notice now number nurse obey odd offer office often oil old once only
    open opened order other out outside over owe own page paid pain paint pair pan paper
    parent park part party pass passed past path pay peace pen people per perhaps person
    phone pick picked picture piece pile place plan plane plant plate play please plenty
    pocket point poor post pot pound power press pretty price print prize proud prove
    pull push put quiet quite race rain raise ran rang rate rather reach read ready real
    reason receive record red relies rely remain remember rent repair reply rest result
    rich ride right ring rise river road rock rode role roll roof room rope rose round
    row rule run rush sad safe said sail sale salt same sand sat save saw say scale school
    score sea search season seat second see seem seen sell send sense sent serve set seven
    shake shall shape share sharp sheet shelf shine ship shirt shoe shop shore short shot
    should shout show shown shut sick side sign silly simple since sing single sink sister
    sit site six size skin sky sleep slept slide slip slow small smell smile snow soft
    soil sold some son song soon sore sorry sort sound soup south space speak special
    speed spend spent spoke spot spread spring square stage stair stand star start
    started state station stay step stick still stock stone stood stop store storm story
    straight strange street strong study stuff style sugar suit summer sun supper suppose
    sure surprise sweet swim table tail take taken taking talk tall taste taught tax tea
    teach team tear tell ten tend term test than thank thick thin thing think third three
    threw throw tie tied till time tiny tip tired today toe together told tomorrow tone
    tongue too took tool top total touch toward town toy track trade train travel tree
    tried tries trip trouble truck true trust truth try trying turn twice two type uncle
    under unit until upon upset use used useful usual value very view visit voice wait
    waited wake walk wall want war warm wash waste watch water wave way wear weather week
    weekend weigh weight welcome well went west wet what wheel while white whole wide
    wife wild will win wind window wine winter wire wise wish woman women won wonder wood
    word wore work worked world worn worried worry worse worst worth would write written
    wrong wrote yard year years yellow yes yesterday yet young""".split()
) | frozenset(
    # The filler and everyday words of chat and dictation: no question turns on them.
    """yup nope nah lol haha hmm literally seriously totally though zero neighbor
    neighbour friends article articles internet online google googled reading mad golf
    golfs everybody everyone fella fellas honest honestly opinion information somewhere
    anywhere ct mri scan scans forgot forgotten mentioned mention mentions smarter wiser
    business exactly basically anyway anyways straight sometimes lately recently
    obviously""".split()
)
