"""Word lists for the offline parser: brands, colours, stop words, product nouns (en/nl/de/nb/fr)."""

from __future__ import annotations


def words(block: str) -> frozenset[str]:
    """Whitespace-separated words as a set."""
    return frozenset(block.split())


def pairs(block: str) -> dict[str, str]:
    """'a=b c=d_e' -> {"a": "b", "c": "d e"}."""
    return dict((k, v.replace("_", " ")) for k, v in (item.split("=", 1) for item in block.split()))


def _names(block: str) -> tuple[str, ...]:
    return tuple(" ".join(n.split()) for n in block.split(";") if n.strip())


# Display names; matched case-insensitively on word boundaries, longest first.
BRANDS: tuple[str, ...] = _names("""
Nike; Adidas; Puma; Reebok; Asics; Brooks; Saucony; Mizuno; New Balance; Hoka; Hoka One One; On Running;
Altra; Salomon; Merrell; Inov-8; La Sportiva; Scarpa; Lowa; Meindl; Hanwag; Keen; Teva; Columbia; The
North Face; North Face; Patagonia; Arc'teryx; Arcteryx; Fjällräven; Fjallraven; Bergans; Norrøna;
Norrona; Helly Hansen; Haglöfs; Haglofs; Mammut; Jack Wolfskin; Vaude; Schöffel; Regatta; Craghoppers;
Berghaus; Rab; Montane; Marmot; Mountain Hardwear; Outdoor Research; Canada Goose; Timberland; Dr.
Martens; Dr Martens; Vans; Converse; Skechers; Ecco; Clarks; Birkenstock; Crocs; Levi's; Levis;
Wrangler; G-Star; Tommy Hilfiger; Calvin Klein; Hugo Boss; Ralph Lauren; Lacoste; Diesel; Zara; H&M;
Uniqlo; Mango; Decathlon; Kalenji; Quechua; Forclaz; Kiprun; Swix; Devold; Dale of Norway; Odlo;
Icebreaker; Smartwool; Falke; Björn Borg; Bjorn Borg; Champion; Fila; Kappa; Umbro; Hummel; Joma; Le Coq
Sportif; Diadora; Ellesse; Oakley; Ray-Ban; Osprey; Deuter; Gregory; Thule; Black Diamond; Petzl; Leki;
Under Armour; Speedo; Castelli; Rapha; Specialized; Trek; Giant; Cannondale; Shimano; SRAM; Giro; POC;
Uvex; Abus; Kask; Polar; Wahoo; Suunto; Coros; Garmin; Amazfit; Withings; Fitbit; CEP; 2XU;
Compressport; Peak Performance; J.Lindeberg; Kari Traa; Ulvang; Sweet Protection; Stormberg; Didriksons;
Tretorn; Hunter; Aigle; Barbour; Superdry; Jack & Jones; Scotch & Soda; Carhartt; Dickies; Napapijri;
Woolrich; Moncler; Stone Island; Veja; Salewa; Ortovox; Dynafit; Atomic; Rossignol; Madshus; Burton;
Apple; Samsung; Google; Sony; Xiaomi; Huawei; Honor; OnePlus; Oppo; Realme; Nokia; Motorola; Fairphone;
Doro; ZTE; Nothing Phone; Microsoft; Nintendo; Valve; Meta Quest; Kobo; Lenovo; Dell; Alienware; HP;
Acer; Asus; MSI; LG; Philips; Panasonic; Toshiba; Sharp; Hisense; TCL; Intel; AMD; Nvidia; Gigabyte;
Aorus; ASRock; Biostar; EVGA; Zotac; Sapphire; PowerColor; XFX; Palit; Gainward; Inno3D; KFA2; Galax;
PNY; Corsair; G.Skill; GSkill; Kingston; Crucial; TeamGroup; Team Group; ADATA; XPG; Patriot; Transcend;
Verbatim; Intenso; Western Digital; WD; Seagate; SanDisk; Lexar; Sabrent; Silicon Power; NZXT; Fractal
Design; Fractal; Lian Li; Phanteks; Cooler Master; be quiet!; be quiet; Seasonic; Thermaltake; DeepCool;
Noctua; Arctic; Scythe; Thermalright; Antec; SilverStone; Sharkoon; Cougar; Chieftec; Endorfy; Montech;
HYTE; Kolink; Elgato; AVerMedia; BenQ; AOC; ViewSonic; iiyama; Eizo; Keychron; Ducky; Wooting; Roccat;
Cherry; Logitech; Razer; SteelSeries; HyperX; Turtle Beach; Sennheiser; Beyerdynamic; Audio-Technica;
AKG; Shure; Bose; JBL; Marshall; Bang & Olufsen; B&O; Sonos; Denon; Yamaha; Pioneer; Technics; Jabra;
Skullcandy; Anker; Soundcore; Ugreen; Baseus; Belkin; Mophie; Spigen; OtterBox; Beats; Urbanears;
Teufel; Harman Kardon; Ultimate Ears; Canon; Nikon; Fujifilm; Olympus; OM System; Leica; GoPro; DJI;
Insta360; Epson; Brother; TP-Link; Netgear; Linksys; Ubiquiti; AVM; Synology; QNAP; Dyson; Miele; Bosch;
Siemens; AEG; Electrolux; Whirlpool; Tefal; Rowenta; Krups; DeLonghi; De'Longhi; Nespresso; Jura; Smeg;
KitchenAid; iRobot; Roborock; Ecovacs; Makita; DeWalt; Ryobi; Black+Decker; Einhell; Metabo; Festool;
Hilti; Amazon Basics; AmazonBasics; Hama; Vivanco; Trust; Cable Matters; Club3D; StarTech; Lindy;
Goobay; Deltaco
""")

# Brands that are also ordinary words: only matched when written with a capital letter.
AMBIGUOUS_BRANDS: frozenset[str] = words(
    "arctic champion polar cherry columbia diesel honor sharp hunter trust giant trek mango keen atomic "
    "gregory patriot crucial fractal valve beats"
)

# Canonical English colour -> forms in en/nl/de/nb/fr (German and Norwegian inflections are added below).
COLOURS: dict[str, tuple[str, ...]] = {
    "red": ("red", "rood", "rode", "rot", "rød", "rouge", "rouges"),
    "blue": ("blue", "blauw", "blauwe", "blau", "blå", "bleu", "bleue", "bleus", "bleues"),
    "black": ("black", "zwart", "zwarte", "schwarz", "svart", "noir", "noire", "noirs", "noires"),
    "white": ("white", "wit", "witte", "weiß", "weiss", "hvit", "blanc", "blanche", "blancs", "blanches"),
    "green": ("green", "groen", "groene", "grün", "gruen", "grønn", "grønne", "vert", "verte", "verts"),
    "grey": ("grey", "gray", "grijs", "grijze", "grau", "grå", "gris", "grise"),
    "yellow": ("yellow", "geel", "gele", "gelb", "gul", "jaune", "jaunes"),
    "orange": ("orange", "oranje", "oransje"),
    "pink": ("pink", "roze", "rosa", "rose", "roses"),
    "purple": ("purple", "paars", "paarse", "lila", "violet", "violett", "fiolett"),
    "brown": ("brown", "bruin", "bruine", "braun", "brun", "brune", "marron"),
    "beige": ("beige",),
    "navy": ("navy", "marine", "marineblau", "marineblå", "marineblauw"),
    "silver": ("silver", "zilver", "zilveren", "silber", "sølv", "argent", "argenté"),
    "gold": ("gold", "goud", "gouden", "gull", "doré", "dorée", "guld"),
}
# Swedish and Danish forms (the ones not already above).
for _canon, _forms in {
    "red": "röd röda rött røde",
    "blue": "blåa",
    "black": "svarta sort sorte",
    "white": "vit vita vitt hvid hvide",
    "green": "grön gröna grönt grøn",
    "yellow": "gula gule",
    "grey": "gråa",
    "pink": "lyserød",
    "purple": "lilla",
    "brown": "bruna brune",
    "silver": "silver",
}.items():
    COLOURS[_canon] = (*COLOURS[_canon], *_forms.split())
_GERMAN_STEMS = frozenset({"rot", "blau", "schwarz", "weiß", "weiss", "grün", "gruen", "gelb"})
_NORWEGIAN_STEMS = frozenset({"rød", "blå", "hvit", "gul", "brun", "grå", "svart", "gull", "grønn"})


def _inflect(forms: tuple[str, ...]) -> tuple[str, ...]:
    extra = [f + e for f in forms if f in _GERMAN_STEMS for e in ("e", "er", "es", "en", "em")]
    extra += [f + "e" for f in forms if f in _NORWEGIAN_STEMS and not f.endswith("e")]
    return tuple(dict.fromkeys((*forms, *extra)))


COLOURS = {canon: _inflect(forms) for canon, forms in COLOURS.items()}
COLOUR_OF: dict[str, str] = {form: canon for canon, forms in COLOURS.items() for form in forms}
SHADE_PREFIXES: tuple[str, ...] = (
    "donker",
    "licht",
    "dunkel",
    "hell",
    "mørk",
    "mørke",
    "lys",
    "dark",
    "light",
)

# Filler and function words of all supported languages; dropped from terms whatever the language.
STOP_WORDS: frozenset[str] = words("""
a an the some any this that these those it its them they their there here is are be been being was were
am i i'm im me my mine we us our you your please pls plz kindly find search searching look looking show
give get got fetch list want wanted wants need needs needed would like love could can may might should
must shall will to for of in on at by from with and or but also just only very really which what who
whom where when how offer offers offering deal deals product products item items price prices priced
cost costs costing buy buying purchase purchasing order ordering shop shops shopping store stores online
webshop website site available availability best good great nice cheap cheaper affordable budget new
pair pairs piece pieces one ones something anything thing things help let lets make sure result results
option options than more less most least much many each every all both either any other another same
such etc ie eg via per as so too if then else whether prefer preferably ideally include includes
including consider considering return returns euro euros eur usd dollar dollars pound pounds gbp kr
kroner krone nok sek dkk chf currency ik zoek zoeken zoekt wil wilt graag een de het van voor met naar
mij mijn jij je jouw u uw we wij ons onze en of in op aan bij uit om te ook nog maar alleen die dat deze
dit er is zijn ben was heb hebben nodig vind vinden toon laat geef koop kopen bestel bestellen alle
aanbieding aanbiedingen aanbod prijs prijzen goedkope goedkoop nieuwe nieuw paar stuk alstublieft
alsjeblieft aub svp welke wat waar hoe als dan ich suche suchen sucht möchte möchten moechte will
brauche brauchen kaufen kaufe bestelle ein eine einen einem einer eines der die das den dem des für fuer
mit von vom nach zu zum zur und oder auch noch nur bitte alle alles angebot angebote angeboten preis
preise finde finden zeig zeige zeigen mir mich gib neue neuen neu paar stück im in am auf aus bei welche
welcher was wo wie wenn dann günstig günstige guenstig jeg ser søker soker leter etter vil ville ha
trenger kjøpe kjøp kjope en ei et den det de dem for med til av på pa og eller også ogsa bare meg min
mitt mine alle tilbud tilbudet tilbudene pris priser finn finne vis gi nye ny par stk takk gjerne som
hva hvor hvilke hvis da så kan skal må jag söker letar efter behöver köpa ett för och eller också
bara mig mitt mina erbjudanden hitta visa tack vad vilka søger leder have bruge købe af kun mit alle tak
hvad billig billiga billige günstiges guenstiges goedkope pas cher chère chers chères
je j' cherche chercher recherche veux voudrais voudrions acheter
achète un une des le la les l' du de d' pour avec et ou moi mon ma mes toutes tous tout toute offre
offres prix trouve trouver trouvez montre montrez montrer nouveau nouvelle paire sil s'il vous plaît
plait merci qui quel quelle ist sind är est
""")

# Product nouns and adjectives (nl/de/nb/fr -> en; "_" stands for a space), for the English search phrase.
TRANSLATIONS: dict[str, str] = pairs("""
schoenen=shoes schoen=shoe schuhe=shoes schuh=shoe sko=shoes chaussures=shoes chaussure=shoe
sneakers=sneakers turnschuhe=sneakers joggesko=sneakers baskets=sneakers laarzen=boots laars=boot
stiefel=boots støvler=boots støvel=boot bottes=boots sandalen=sandals sandaler=sandals sandales=sandals
pantoffels=slippers hausschuhe=slippers tøfler=slippers jas=jacket jack=jacket jasje=jacket jacke=jacket
jakke=jacket blouson=jacket veste=jacket mantel=coat frakk=coat manteau=coat jassen=jackets
jacken=jackets jakker=jackets doudoune=down_jacket broek=trousers hose=trousers bukse=trousers
pantalon=trousers overhemd=shirt hemd=shirt skjorte=shirt chemise=shirt trui=sweater pullover=sweater
genser=sweater pull=sweater jurk=dress kleid=dress kjole=dress robe=dress rok=skirt rock=skirt
skjørt=skirt jupe=skirt sokken=socks socken=socks sokker=socks chaussettes=socks handschoenen=gloves
handschuhe=gloves hansker=gloves votter=mittens gants=gloves muts=beanie mütze=beanie lue=beanie
bonnet=beanie pet=cap kappe=cap caps=cap casquette=cap hoed=hat hut=hat hatt=hat chapeau=hat sjaal=scarf
schal=scarf skjerf=scarf écharpe=scarf riem=belt gürtel=belt belte=belt ceinture=belt
zwembroek=swim_shorts badehose=swim_shorts badebukse=swim_shorts ondergoed=underwear
unterwäsche=underwear undertøy=underwear rugzak=backpack rucksack=backpack ryggsekk=backpack
sekk=backpack tas=bag tasche=bag veske=bag sac=bag tent=tent zelt=tent telt=tent tente=tent
slaapzak=sleeping_bag schlafsack=sleeping_bag sovepose=sleeping_bag fiets=bike fahrrad=bike sykkel=bike
vélo=bike helm=helmet hjelm=helmet zonnebril=sunglasses sonnenbrille=sunglasses solbriller=sunglasses
bril=glasses brille=glasses briller=glasses horloge=watch uhr=watch klokke=watch montre=watch
fles=bottle flasche=bottle flaske=bottle bouteille=bottle koptelefoon=headphones kopfhörer=headphones
kopfhoerer=headphones hodetelefoner=headphones hodetelefon=headphones casque=headphones
oordopjes=earbuds ohrhörer=earbuds øreplugger=earbuds ørepropper=earbuds écouteurs=earbuds
ecouteurs=earbuds luidspreker=speaker lautsprecher=speaker høyttaler=speaker enceinte=speaker
telefoon=phone handy=phone mobiltelefon=phone mobil=phone téléphone=phone hoesje=case hülle=case
deksel=case coque=case oplader=charger ladegerät=charger lader=charger chargeur=charger kabel=cable
câble=cable snoer=cable beeldscherm=monitor bildschirm=monitor skjerm=monitor écran=monitor
toetsenbord=keyboard tastatur=keyboard clavier=keyboard muis=mouse maus=mouse mus=mouse souris=mouse
videokaart=graphics_card grafikkarte=graphics_card grafikkort=graphics_card processor=processor
prozessor=processor prosessor=processor processeur=processor moederbord=motherboard
hovedkort=motherboard geheugen=memory arbeitsspeicher=memory minne=memory mémoire=memory
voeding=power_supply netzteil=power_supply strømforsyning=power_supply behuizing=case gehäuse=case
kabinett=case boîtier=case koeler=cooler kühler=cooler kjøler=cooler ventilator=fan lüfter=fan vifte=fan
ventilateur=fan festplatte=hard_drive harddisk=hard_drive fernseher=tv televisie=tv fjernsyn=tv
drucker=printer skriver=printer imprimante=printer stofzuiger=vacuum_cleaner staubsauger=vacuum_cleaner
støvsuger=vacuum_cleaner aspirateur=vacuum_cleaner koffiezetapparaat=coffee_machine
kaffeemaschine=coffee_machine kaffemaskin=coffee_machine kamera=camera bærbar=laptop ordinateur=computer
rekenmachine=calculator waterkoker=kettle wasserkocher=kettle vannkoker=kettle bouilloire=kettle
heren=men's herren=men's herre=men's homme=men's dames=women's damen=women's dame=women's femme=women's
kinderen=kids kinder=kids barn=kids enfant=kids skor=shoes jacka=jacket jackor=jackets byxor=trousers
tröja=sweater tröjor=sweaters hörlurar=headphones klänning=dress kjol=skirt strumpor=socks mössa=beanie
ryggsäck=backpack bukser=trousers trøje=sweater høretelefoner=headphones hovedtelefoner=headphones
nederdel=skirt strømper=socks rygsæk=backpack hue=beanie støvler=boots stövlar=boots vest=cardigan
fleecevest=fleece_jacket strickjacke=cardigan strikkejakke=cardigan strikjakke=cardigan kofta=cardigan
hettegenser=hoodie huvtröja=hoodie hættetrøje=hoodie kapuzenpullover=hoodie capuche=hoodie
vindjakke=windbreaker windjack=windbreaker windjacke=windbreaker coupe-vent=windbreaker joggebukse=joggers
jogginghose=joggers joggingbroek=joggers mjukisbyxor=joggers jogging=joggers spijkerbroek=jeans
trailrunning=trail_running trailløping=trail_running
leren=leather leder=leather skinn=leather cuir=leather
wollen=wool wolle=wool ull=wool laine=wool katoen=cotton baumwolle=cotton bomull=cotton coton=cotton
pluie=rain randonnée=hiking randonnee=hiking polaire=fleece skærm=monitor skärm=monitor kängor=boots
känga=boot kängorna=boots
""")

# Compound prefixes (nl/de/nb): "hardloop"+"schoenen" -> "running shoes".
COMPOUND_PREFIXES: dict[str, str] = pairs("""
hardloop=running loop=running lauf=running løpe=running løps=running wandel=hiking wander=hiking
tur=hiking trail=trail berg=mountain fjell=mountain regen=rain regn=rain winter=winter vinter=winter
zomer=summer sommer=summer sport=sports voetbal=football fußball=football fussball=football
fotball=football fiets=cycling fahrrad=cycling rad=cycling sykkel=cycling dons=down daunen=down dun=down
ski=ski tennis=tennis golf=golf zwem=swim schwimm=swim svømme=swim bade=swim soft=soft shell=shell
fleece=fleece gaming=gaming spiel=gaming spill=gaming usb=usb hdmi=hdmi lade=charging laad=charging
werk=work arbeits=work arbeids=work veiligheids=safety sicherheits=safety löpar=running løbe=running
løbs=running
vandrings=hiking vandre=hiking terreng=trail terräng=trail terræn=trail terrengløpe=trail_running
terränglöpar=trail_running terrænløbe=trail_running softshell=softshell hardshell=hardshell
trailrunning=trail_running trailløps=trail_running wind=wind vind=wind
""")

# English product nouns that shops also sell under another word, for one more search phrase.
PHRASE_SYNONYMS: dict[str, str] = pairs("""
pants=trousers pant=trouser trousers=pants jumper=sweater jumpers=sweaters sweater=jumper
pullover=sweater sneakers=trainers trainers=sneakers sweatpants=joggers joggers=sweatpants
raincoat=rain_jacket hoodie=hooded_sweatshirt cellphone=phone mobile=phone earphones=earbuds
""")

# Heads that mark a request as footwear, clothing or trousers (exact words or compound endings).
SHOE_HEADS: frozenset[str] = words("""
shoes shoe sneakers sneaker trainers boots boot sandals schoenen schoen schuhe schuh sko chaussures
laarzen stiefel støvler bottes baskets loafers spikes cleats pumps slippers skor stövlar kängor känga
""")
CLOTHING_HEADS: frozenset[str] = words("""
jacket jackets coat shirt shirts hoodie sweater jumper pullover vest dress top fleece parka anorak jas
jack jasje trui jurk vest jacke mantel hemd kleid pulli jakke genser skjorte kjole veste manteau chemise
blouse cardigan tee polo overhemd blazer suit doudoune jacka tröja klänning trøje trøye hoodie sweatshirt
""")
TROUSER_HEADS: frozenset[str] = words("""
trousers pants jeans chinos broek hose bukse pantalon joggers leggings byxor bukser
""")

# Words whose presence votes for a language (besides stop words specific to it).
LANGUAGE_WORDS: dict[str, frozenset[str]] = {
    "en": words("""
the and for with find under below cheapest lowest offers offer size shoes want looking without all of to
me please less than at most show buy between every compare not no except including sold out cart
checkout i need some from over least up jacket trousers headphones red blue black white green yellow
brown purple grey gray pink silver
"""),
    "nl": words("""
de het een en voor met zonder onder tot maat geen ik zoek wil graag alle aanbiedingen goedkoopste
vergelijk naar mijn op niet ook uitverkocht winkelwagen maximaal hooguit tussen minder dan schoenen jas
broek koptelefoon rood rode blauw blauwe zwart zwarte wit witte groen groene grijs geel paars bruin
zilver goud behalve waterdicht draadloos hardloopschoenen laagste prijs heren dames kinderen meisjes
jongens
"""),
    "de": words("""
der die das und für mit ohne unter bis größe gr nicht ich suche möchte alle angebote günstigste
billigste vergleiche von ein eine einen auch ausverkauft warenkorb höchstens zwischen weniger als schuhe
jacke hose kopfhörer rot rote blau blaue schwarz schwarze weiß weiße grün gelb braun grau silber
wasserdicht wasserdichte kabellos außer kein keine laufschuhe preis herren damen kinder mädchen jungen
"""),
    "nb": words("""
og med uten maks str størrelse ikke jeg ser etter leter vil ha tilbud billigste sammenlign til på også under
utsolgt handlekurv handlekurven kroner mellom mindre enn høyst som meg sko jakke bukse hodetelefoner rød
røde blå svart svarte hvit hvite grønn gul brun grå sølv vanntett trådløs ingen unntatt løpesko
regnjakke herre dame barn jenter gutter
"""),
    "fr": words("""
le la les un une des du de et pour avec sans moins cher taille pointure je cherche veux toutes offres
comparer pas aussi épuisé panier entre prix chaussures veste pantalon rouge bleu noir blanc vert gris
jaune imperméable sauf moi homme hommes femme femmes enfant enfants fille filles garçon garçons
"""),
    "sv": words("""
jag söker letar efter vill ha behöver köpa och med utan storlek under högst billigaste jämför inte också
slutsåld varukorg kronor mellan mindre än som mig skor jacka byxor hörlurar röd röda blå svart svarta vit
vita grön gul grå vattentät trådlös inga utom löparskor regnjacka tröja stl herr dam barn flickor
pojkar
"""),
    "da": words("""
jeg søger leder efter vil have skal bruge købe og med uden størrelse str under højst billigste sammenlign ikke
også udsolgt kurv kroner mellem mindre end som mig sko jakke bukser høretelefoner rød røde blå sort sorte
hvid hvide grøn gul grå vandtæt trådløs ingen undtagen løbesko regnjakke trøje herre dame børn piger
drenge
"""),
}

# Who a product is made for; request words and title words alike (folded lower-case).
AUDIENCE: dict[str, str] = pairs("""
men=men men's=men mens=men man=men male=men heren=men herenschoenen=men herren=men herre=men herrer=men
homme=men hommes=men herr=men dam=women women=women women's=women womens=women woman=women female=women
ladies=women lady=women dames=women damen=women dame=women damer=women femme=women femmes=women
kids=kids kid's=kids kids'=kids children=kids child=kids junior=kids juniors=kids boys=kids girls=kids
kinderen=kids kinder=kids barn=kids børn=kids enfant=kids enfants=kids unisex=unisex mädchen=kids
jungen=kids meisjes=kids jongens=kids jenter=kids gutter=kids flickor=kids pojkar=kids piger=kids drenge=kids
fille=kids filles=kids garçon=kids garçons=kids
""")
USED_WORDS: frozenset[str] = words(
    "used refurbished renewed pre-owned preowned second-hand secondhand gebraucht tweedehands brukt begagnad "
    "brugt occasion reconditionné reconditionne"
)
NEW_WORDS: frozenset[str] = words("new nieuw nieuwe neu neue neuen neuf neuve ny nya nye")
