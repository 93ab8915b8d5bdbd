package org.rapport.demo;

/** The words the demo help desk is made of. */
final class DemoTexts {

    private DemoTexts() {}

    static final String[] TEAMS = {"Support", "Billing", "Technical", "Returns"};

    static final String[][] AGENTS = {
        {"Maya Okafor", "maya.okafor@rapport.local"},
        {"Jonas Weber", "jonas.weber@rapport.local"},
        {"Priya Raman", "priya.raman@rapport.local"},
        {"Luis Ortega", "luis.ortega@rapport.local"},
        {"Hanna Berg", "hanna.berg@rapport.local"},
        {"Tom Fischer", "tom.fischer@rapport.local"},
        {"Aiko Tanaka", "aiko.tanaka@rapport.local"},
        {"Sam Carter", "sam.carter@rapport.local"},
    };

    static final String[] SKILLS = {"billing", "returns", "networking", "german", "escalations", "hardware"};

    static final String[] FIRST_NAMES = {
        "Anna", "Ben", "Chloe", "David", "Elif", "Farah", "Georg", "Hiro", "Ines", "Jamal", "Klara", "Leon", "Mia",
        "Noah", "Olga", "Pavel", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wen", "Yusuf", "Zoe"
    };

    static final String[] LAST_NAMES = {
        "Schmidt",
        "Nguyen",
        "Rossi",
        "Kowalski",
        "Haddad",
        "Andersen",
        "Murphy",
        "Silva",
        "Yilmaz",
        "Novak",
        "Dubois",
        "Kim",
        "Garcia",
        "Meyer",
        "Okoro",
        "Lindqvist"
    };

    static final String[] DOMAINS = {"example.com", "example.org", "mail.example.net", "example.de"};

    static final String[] ORGANIZATIONS = {
        "Northwind Traders", "Globex GmbH", "Initech", "Umbrella Logistics", "Stark Fabrication"
    };

    /** Subject, the customer's message, an agent's reply, a tag. */
    static final String[][] STORIES = {
        {
            "Router keeps dropping the connection",
            "Since the firmware update on Monday my router drops the connection every hour. I work from home and this is the third time I write about it. Please fix this today.",
            "I'm sorry the connection keeps dropping, especially while you work from home. I've checked your line: the update left an old setting behind. I'll reset it remotely within the next hour and call you afterwards to confirm it holds.",
            "connectivity"
        },
        {
            "Charged twice for my order",
            "Hello, I was charged twice for order 48213 (2 x 89.90 EUR). Can you refund the duplicate payment?",
            "Thank you for telling us. I can see the duplicate charge of 89.90 EUR. I've started the refund; it will reach your account within 5 business days.",
            "billing"
        },
        {
            "Parcel arrived damaged",
            "The box was crushed and the lamp inside is broken. I attached photos. What now?",
            "I'm sorry your lamp arrived broken. We'll send a replacement today at no cost, and you can keep or recycle the damaged one.",
            "damaged"
        },
        {
            "How do I change my delivery address?",
            "I'm moving next week. How can I change the delivery address for my subscription?",
            "You can change it under Account → Addresses; the next delivery will go to the new address if you change it before Friday. I've also noted it on your account.",
            "account"
        },
        {
            "Cancel my contract",
            "I want to cancel. Nobody answered my last two emails and I'm fed up. If this isn't sorted I'll switch provider.",
            "I understand, and I'm sorry you waited without an answer. I've cancelled your contract effective the end of this month and sent the confirmation to your email.",
            "cancellation"
        },
        {
            "Invoice missing VAT number",
            "Our invoice INV-2291 lacks our VAT number. We need a corrected invoice for accounting.",
            "Thanks for pointing it out. I've added your VAT number and issued a corrected invoice, attached to this reply.",
            "billing"
        },
        {
            "App crashes on login",
            "The app crashes every time I try to log in on Android 15. Reinstalling didn't help.",
            "Thank you for the details. Our developers confirmed the crash on Android 15; a fix ships in version 4.2 next Tuesday. Until then the web version works with the same login.",
            "bug"
        },
        {
            "Return label not working",
            "The return label you sent gives an error at the post office.",
            "I'm sorry for the wasted trip. I've created a new label and sent it to you; it's valid for 14 days.",
            "returns"
        },
    };

    static final String[] FOLLOW_UPS = {
        "Thanks, but it happened again this morning.",
        "I still haven't received anything. Can you check?",
        "Great, that worked. Thank you!",
    };
}
