"""The 17 Global Goals as reference data: number, Dutch and English name, official colour and a
text colour that meets WCAG AA contrast on it (checked: every pair >= 4.5:1)."""

from django.db import migrations

GOALS = [
    (1, "Geen armoede", "No Poverty", "#E5243B", "#000000",
     "Armoede in al haar vormen overal beëindigen.", "End poverty in all its forms everywhere."),
    (2, "Geen honger", "Zero Hunger", "#DDA63A", "#000000",
     "Honger beëindigen, voedselzekerheid en betere voeding bereiken en duurzame landbouw bevorderen.",
     "End hunger, achieve food security and improved nutrition and promote sustainable agriculture."),
    (3, "Goede gezondheid en welzijn", "Good Health and Well-being", "#4C9F38", "#000000",
     "Een goede gezondheid en welzijn verzekeren voor iedereen van alle leeftijden.",
     "Ensure healthy lives and promote well-being for all at all ages."),
    (4, "Kwaliteitsonderwijs", "Quality Education", "#C5192D", "#FFFFFF",
     "Inclusief en kwalitatief goed onderwijs en levenslang leren voor iedereen.",
     "Ensure inclusive and equitable quality education and lifelong learning for all."),
    (5, "Gendergelijkheid", "Gender Equality", "#FF3A21", "#000000",
     "Gendergelijkheid bereiken en alle vrouwen en meisjes empoweren.",
     "Achieve gender equality and empower all women and girls."),
    (6, "Schoon water en sanitair", "Clean Water and Sanitation", "#26BDE2", "#000000",
     "Beschikbaarheid en duurzaam beheer van water en sanitatie voor iedereen.",
     "Ensure availability and sustainable management of water and sanitation for all."),
    (7, "Betaalbare en duurzame energie", "Affordable and Clean Energy", "#FCC30B", "#000000",
     "Toegang tot betaalbare, betrouwbare, duurzame en moderne energie voor iedereen.",
     "Ensure access to affordable, reliable, sustainable and modern energy for all."),
    (8, "Eerlijk werk en economische groei", "Decent Work and Economic Growth", "#A21942", "#FFFFFF",
     "Duurzame economische groei en waardig werk voor iedereen.",
     "Promote sustained, inclusive and sustainable economic growth and decent work for all."),
    (9, "Industrie, innovatie en infrastructuur", "Industry, Innovation and Infrastructure", "#FD6925", "#000000",
     "Veerkrachtige infrastructuur, duurzame industrialisatie en innovatie.",
     "Build resilient infrastructure, promote sustainable industrialisation and foster innovation."),
    (10, "Ongelijkheid verminderen", "Reduced Inequalities", "#DD1367", "#FFFFFF",
     "Ongelijkheid in en tussen landen verminderen.", "Reduce inequality within and among countries."),
    (11, "Duurzame steden en gemeenschappen", "Sustainable Cities and Communities", "#FD9D24", "#000000",
     "Steden en woongebieden inclusief, veilig, veerkrachtig en duurzaam maken.",
     "Make cities and human settlements inclusive, safe, resilient and sustainable."),
    (12, "Verantwoorde consumptie en productie", "Responsible Consumption and Production", "#BF8B2E", "#000000",
     "Duurzame consumptie- en productiepatronen verzekeren.",
     "Ensure sustainable consumption and production patterns."),
    (13, "Klimaatactie", "Climate Action", "#3F7E44", "#FFFFFF",
     "Dringend actie ondernemen om klimaatverandering en haar gevolgen te bestrijden.",
     "Take urgent action to combat climate change and its impacts."),
    (14, "Leven in het water", "Life Below Water", "#0A97D9", "#000000",
     "Oceanen, zeeën en mariene hulpbronnen behouden en duurzaam gebruiken.",
     "Conserve and sustainably use the oceans, seas and marine resources."),
    (15, "Leven op het land", "Life on Land", "#56C02B", "#000000",
     "Ecosystemen op het land beschermen, herstellen en duurzaam gebruiken en biodiversiteitsverlies stoppen.",
     "Protect, restore and promote sustainable use of terrestrial ecosystems and halt biodiversity loss."),
    (16, "Vrede, justitie en sterke publieke diensten", "Peace, Justice and Strong Institutions", "#00689D",
     "#FFFFFF", "Vreedzame en inclusieve samenlevingen, toegang tot recht en sterke, verantwoordelijke instellingen.",
     "Promote peaceful and inclusive societies, access to justice and effective, accountable institutions."),
    (17, "Partnerschap om doelstellingen te bereiken", "Partnerships for the Goals", "#19486A", "#FFFFFF",
     "Het wereldwijd partnerschap voor duurzame ontwikkeling versterken.",
     "Strengthen the means of implementation and revitalise the global partnership for sustainable development."),
]


def load_goals(apps, schema_editor):
    Goal = apps.get_model("global_goals", "Goal")
    for number, name_nl, name_en, colour, text_colour, description_nl, description_en in GOALS:
        Goal.objects.update_or_create(
            number=number,
            defaults={
                "name_nl": name_nl,
                "name_en": name_en,
                "colour": colour,
                "text_colour": text_colour,
                "description_nl": description_nl,
                "description_en": description_en,
                "is_focus": number == 14,
            },
        )


def unload_goals(apps, schema_editor):
    apps.get_model("global_goals", "Goal").objects.filter(number__in=[g[0] for g in GOALS]).delete()


class Migration(migrations.Migration):
    dependencies = [("global_goals", "0001_initial")]

    operations = [migrations.RunPython(load_goals, unload_goals)]
