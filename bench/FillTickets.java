import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * Fills a migrated Rapport database with a help desk's worth of history: customers with email identities,
 * tickets over two years with their conversations and audit rows, for the page render benchmark at 1M
 * tickets.
 *
 * <pre>
 * java -cp postgresql.jar bench/FillTickets.java --jdbc jdbc:postgresql://127.0.0.1:54329/postgres \
 *     --user postgres [--password P] --tickets 1000000 [--messages-per-ticket 3] [--customers 200000] \
 *     [--batch 50000] [--seed 42] [--analyze-only]
 * </pre>
 *
 * All rows are computed by PostgreSQL itself (INSERT ... SELECT over generate_series, one transaction per
 * batch), so nothing but SQL text crosses the connection. It only adds rows: existing tickets, customers,
 * teams and agents stay as they are, ticket numbers come from ticket_number_seq and ids from the tables'
 * identity sequences, so the application keeps working and a second run adds more. Only when no active
 * agent with the AGENT role exists (a fresh install has just its admin) it creates four teams and twelve
 * agents (without passwords) to assign tickets to; only when there is no team it creates the four teams.
 */
public class FillTickets {

    record Options(
            String jdbc,
            String user,
            String password,
            long tickets,
            int messagesPerTicket,
            long customers,
            int batch,
            long seed,
            boolean analyzeOnly) {}

    /** Active agents (1-based in SQL arrays) and the teams with the agent indexes of their members. */
    record Staff(List<Long> teamIds, List<String> teamNames, List<Long> agentIds, List<String> agentNames,
                 List<String> agentFirstNames, List<List<Integer>> members) {}

    /** Subject, the customer's first message, the agent's answer, the customer's follow-up, the second answer. */
    record Story(int category, String tag, String subject, String first, String answer, String followUp,
                 String secondAnswer) {}

    // Categories route tickets to the team whose name matches (Support, Billing, Technical, Returns).
    private static final int SUPPORT = 0, BILLING = 1, TECHNICAL = 2, RETURNS = 3;
    private static final String[] CATEGORY_WORDS = {"support", "billing", "tech", "return"};

    // The texts contain no '&', '<' or '>' (the HTML bodies are derived from them), and {order} and
    // {product} are filled in per ticket.
    private static final List<Story> STORIES = List.of(
        new Story(RETURNS, "damaged", "Order {order} arrived damaged",
            "My order {order} was delivered this morning and the box was crushed on one side. The {product} inside has a "
                + "cracked corner and one of the hinges is bent, so it does not close properly anymore. I took photos of the "
                + "packaging and the item before touching anything else. I would like a replacement as soon as possible, or a "
                + "full refund if a replacement is not available.",
            "I am sorry your {product} arrived damaged, that is not how it should reach you. I have arranged a replacement, "
                + "it leaves our warehouse today and you will get the tracking link by email. You do not need to send the "
                + "damaged one back; please recycle it or keep it for spare parts.",
            "Thank you, the tracking link arrived. Do I need to be at home to sign for the replacement?",
            "No signature is needed: the carrier will leave the parcel at your door or with a neighbour if nobody opens. "
                + "If you prefer a pick-up point, reply with the one closest to you and I will change it."),
        new Story(BILLING, "refund", "Refund not received for order {order}",
            "I returned the {product} from order {order} more than three weeks ago and the tracking shows it was delivered "
                + "to your warehouse on the 4th. Your returns page says refunds take five to seven business days, but nothing "
                + "has arrived on my card yet and I have not received any email either. Could you check what happened?",
            "Thank you for your patience. Your return was received and checked, but the refund was held because the "
                + "return form was missing from the parcel. I have released it now: the amount is on its way to your card "
                + "and usually shows up within three business days.",
            "I still do not see it on my statement. Can you send me a confirmation or a reference number for my bank?",
            "Of course. The refund reference is RF-{order}; your bank can trace the payment with it. I have also sent "
                + "you the confirmation as a PDF to your email address."),
        new Story(RETURNS, "exchange", "Wrong size delivered for order {order}",
            "I ordered the {product} in medium (order {order}) but the package contained a large. The label on the bag "
                + "says medium, the item itself clearly says large. I need this for a trip next weekend, so I would really "
                + "appreciate it if you could send the correct size quickly. Do I have to return the wrong one first?",
            "Sorry for the mix-up. I have sent the medium by express shipping today, so it will arrive before your trip. "
                + "You will find a free return label for the large one in your account; there is no rush to send it back.",
            "The medium fits, thanks. I sent the large one back yesterday with your label.",
            "Thank you for letting us know and for sending it back. Enjoy your trip!"),
        new Story(BILLING, "billing", "Charged twice for order {order}",
            "I just checked my bank statement and I have been charged twice for order {order}, two identical amounts on "
                + "the same day, a few minutes apart. I only placed the order once and only received one confirmation "
                + "email. Please refund the duplicate charge. I can send a screenshot of the statement if that helps.",
            "Thank you for telling us. I can see the duplicate charge: the payment provider retried after a timeout and "
                + "both attempts went through. I have refunded the second one; it will be back on your account within "
                + "five business days.",
            "Thanks. Will this happen again on my next order? I do not want to check my statement every time.",
            "It should not: the provider fixed the retry problem on their side last week. If you ever see a double charge "
                + "again, reply to this ticket and we will refund it the same day."),
        new Story(RETURNS, "shipping", "Parcel marked delivered but never arrived",
            "The tracking for order {order} says the parcel was delivered yesterday at 2pm, but I was at home all afternoon "
                + "and nobody rang the bell. I checked with my neighbours and the building reception and nobody has it. "
                + "Can you open an investigation with the carrier and send a new {product} in the meantime?",
            "I am sorry, that is frustrating. I have opened an investigation with the carrier under reference "
                + "INV-{order}. They usually answer within two business days. If the parcel does not turn up by then, we "
                + "will send a new {product} or refund you, whichever you prefer.",
            "It has been three days now and I have heard nothing. I would like the replacement please.",
            "Thank you for waiting. The carrier could not locate the parcel, so I have sent a replacement by tracked "
                + "shipping today. You will receive the tracking link shortly."),
        new Story(TECHNICAL, "login", "Cannot log in to my account",
            "Since this morning I cannot log in to my account. I reset my password twice, the reset email arrives and the "
                + "new password is accepted, but as soon as I try to sign in again I get an error saying my session has "
                + "expired. I tried two different browsers and my phone. I need the invoice for order {order} by Friday.",
            "Thank you for the details. Your account was caught by a security rule after several sign-ins from new "
                + "devices. I have cleared it, so you can sign in again right away. I have also attached the invoice for "
                + "order {order} so you have it in time.",
            "I can sign in again, thank you. Why did this happen in the first place?",
            "The rule locks an account for a while after many sign-ins from unknown devices, to protect it from "
                + "attackers. Turning on two-factor sign-in in your profile avoids the lock in future."),
        new Story(RETURNS, "shipping", "Missing item in order {order}",
            "My order {order} arrived today but one item is missing. The packing slip lists two units of the {product}, but "
                + "there was only one in the box and the box did not look opened or damaged. Could you please send the "
                + "missing unit? I am happy to confirm my address again if needed.",
            "Thank you for letting us know, and sorry about the missing unit. The warehouse confirmed a packing error. The "
                + "second {product} ships today at no cost and should arrive in two to three days.",
            "It arrived, thanks. The box was fine this time.",
            "Great to hear. Thank you for your patience, and sorry again for the trouble."),
        new Story(TECHNICAL, "warranty", "{product} stopped working after a week",
            "I bought the {product} about a week ago (order {order}). It worked fine for the first few days, but since "
                + "yesterday it will not turn on at all. I charged it overnight with the original cable and tried a "
                + "different outlet, and the light does not come on. Is this covered by the warranty?",
            "I am sorry it stopped working so soon. Yes, this is covered by the warranty. Could you try one thing first: "
                + "hold the power button for twenty seconds while the cable is plugged in; this resets the battery "
                + "controller. If it still does not start, I will arrange an exchange.",
            "I tried the reset, the light blinks once and then nothing. So it is still broken.",
            "Thank you for trying. I have started the exchange: a courier will collect the {product} tomorrow and the "
                + "new one is sent as soon as it is scanned at the depot."),
        new Story(SUPPORT, "address", "Change delivery address for order {order}",
            "I just placed order {order} and realised it will go to my old address. I moved last month and forgot to update "
                + "my profile. The order still shows as processing, so I hope it is not too late. Could you change the "
                + "delivery address to the new one I saved in my account a few minutes ago?",
            "Good timing: the order had not left the warehouse yet, so I have changed the delivery address to the new one "
                + "in your account. The confirmation email shows the updated address.",
            "Perfect. Can you also make the new address the default for future orders?",
            "Done: the new address is now your default for deliveries and invoices."),
        new Story(BILLING, "discount", "Discount code not applied",
            "I used the code from your newsletter when I ordered the {product} (order {order}). The checkout page showed the "
                + "discount, but the final charge on my card is the full price and the invoice does not mention the code. "
                + "Could you refund the difference? I still have the newsletter email and a screenshot of the checkout.",
            "Thank you for the screenshot. The code was shown but not applied because of a bug in the checkout that we "
                + "have since fixed. I have refunded the difference to your card and sent you a corrected invoice.",
            "Thank you. The corrected invoice still shows the old total though.",
            "You are right, sorry about that. I have regenerated the invoice with the discounted total; the new one is "
                + "attached and replaces the earlier one."),
        new Story(BILLING, "invoice", "Invoice missing VAT number",
            "Our invoice for order {order} lacks our VAT number. We need a corrected invoice for our accounting before the "
                + "end of the month, otherwise we cannot book it. The VAT number is in our company profile.",
            "Thank you for pointing it out. I have added your VAT number to the invoice and issued a corrected one, which "
                + "is attached to this reply. Future invoices will include it automatically.",
            "Thanks. Could you also correct the two invoices from last month?",
            "Certainly, both corrected invoices are attached. Let me know if your accountant needs anything else."),
        new Story(TECHNICAL, "bug", "App crashes on startup",
            "The app crashes every time I open it since the last update. I am on Android 15 and reinstalling did not help. "
                + "I use it every day to track my orders, including order {order}, so this is quite annoying.",
            "Thank you for the report. Our developers confirmed the crash on Android 15 after the last update; a fixed "
                + "version is being released this week. Until then the website shows the same information, including "
                + "the status of order {order}.",
            "The update is out but it still crashes for me.",
            "Sorry to hear it. Could you clear the app's storage in the Android settings and open it again? The old cache "
                + "from the broken version causes the crash; after clearing it you only need to sign in again."),
        new Story(SUPPORT, "cancellation", "Cancel my subscription",
            "I want to cancel my subscription. I wrote twice already and nobody answered, and I was charged again this "
                + "month. If this is not sorted out now I will ask my bank to reverse the payment.",
            "I am sorry you had to write more than once. I have cancelled your subscription effective today and refunded "
                + "this month's charge. The confirmation email is on its way.",
            "Got the confirmation. Will I still be able to see my old orders?",
            "Yes, your account and order history stay available; only the subscription has ended."),
        new Story(RETURNS, "returns", "Return label does not work",
            "The return label you sent for order {order} gives an error at the post office. They say the barcode is not "
                + "valid. I wasted a trip there, so please send a working one.",
            "I am sorry for the wasted trip. The label was created with an expired service code. I have made a new label, "
                + "attached here, and it is valid for fourteen days at any post office.",
            "The new label worked, the parcel is on its way.",
            "Thank you. As soon as it reaches our warehouse we will process the refund and let you know."),
        new Story(SUPPORT, "shipping", "Where is my order {order}?",
            "I ordered the {product} ten days ago (order {order}) and the status still says processing. The website promised "
                + "delivery within five days. Can you tell me when it will ship?",
            "Thank you for asking. The {product} was out of stock for a few days longer than expected; it arrived at our "
                + "warehouse yesterday and your order ships today. You will get the tracking link by email tonight.",
            "I got the tracking link, but it says delivery in another four days.",
            "I have upgraded the shipping to express at no cost; the new estimate is the day after tomorrow."),
        new Story(TECHNICAL, "login", "Password reset email never arrives",
            "I asked for a password reset five times today and no email arrives, not even in the spam folder. My email "
                + "address has not changed. I cannot check order {order} without signing in.",
            "Thank you for the details. Your mail provider rejected our messages for a few hours today; that is fixed now. "
                + "I have sent a new reset link, which should reach you within a few minutes.",
            "Still nothing, sorry. Could you set the password for me instead?",
            "For your security we cannot set a password ourselves, but I have sent a reset link to your phone number by "
                + "text message instead. It is valid for one hour."),
        new Story(SUPPORT, "warranty", "Question about the warranty for my {product}",
            "How long is the warranty on the {product} I bought with order {order}? The manual says two years, the product "
                + "page says one year. I would like to know before I register it.",
            "Good question: the manufacturer gives one year, and we extend it to two years for every purchase in our "
                + "shop. There is nothing to register; your order {order} is your proof of purchase.",
            "Does the extended warranty also cover the battery?",
            "Yes, the battery is covered for the full two years if it holds less than seventy percent of its capacity."),
        new Story(BILLING, "payment", "Payment declined at checkout",
            "My card is declined every time I try to pay for the {product}. The card works everywhere else and my bank says "
                + "they did not block anything. I tried three times now.",
            "Sorry for the trouble. Our payment provider blocked the card after the first attempt because the billing "
                + "address did not match the one at your bank. I have lifted the block; please try once more with the "
                + "address exactly as it appears on your bank statement.",
            "It went through now, thank you. Did the failed attempts charge me anything?",
            "No, the failed attempts were only reservations and are released automatically within a few days."),
        new Story(TECHNICAL, "2fa", "Two-factor codes not accepted",
            "The six-digit codes from my authenticator app are not accepted any more. I changed phones last week and moved "
                + "the app over. Now I am locked out of my account.",
            "Thank you for the details. Moving an authenticator app sometimes leaves the phone's clock slightly off, and the "
                + "codes are then refused. I have reset two-factor sign-in on your account, so you can sign in with your "
                + "password and set it up again on the new phone.",
            "I could sign in and set it up again. Thanks for the quick help.",
            "Glad it works. We recommend saving the recovery codes shown during setup in a safe place."),
        new Story(SUPPORT, "privacy", "Please delete my account and data",
            "I would like you to delete my account and all the personal data you hold about me, as is my right under the "
                + "data protection rules. Please confirm once it is done.",
            "We have received your request. Your account and personal data will be deleted within thirty days, except the "
                + "invoices we must keep for tax purposes. You will get a confirmation email once it is done.",
            "Why do you need thirty days? I would like it done sooner.",
            "The thirty days are the legal maximum; in practice deletion runs every week, so your data will be gone by "
                + "next Monday. The confirmation email follows the same day.")
    );

    private static final List<String> LATER_FROM_CUSTOMER = List.of(
        "Thanks for the quick answer. One more question: will I get a confirmation email once this is done?",
        "I checked again this morning and nothing has changed yet. Could you have another look?",
        "Sorry, I forgot to mention that I also have order {order} open. Does the same apply there?",
        "That worked, thank you. I will let you know if it happens again.",
        "I tried what you suggested but I get the same result. I attached a screenshot this time.",
        "OK, I will wait then. Please keep me posted.");

    private static final List<String> LATER_FROM_AGENT = List.of(
        "Thank you for getting back to us. I have checked again and everything is in place on our side now. You will "
            + "receive a confirmation email within the hour.",
        "Thanks for the screenshot, that helps. I have passed it to our specialists and will update you as soon as I "
            + "hear back, at the latest tomorrow.",
        "Yes, the same applies to order {order}. I have taken care of it as well, so there is nothing more you need "
            + "to do.",
        "I am glad it works now. Simply reply to this message if anything comes up again.",
        "I understand the wait is annoying. I have asked the team to prioritise your case and will write again "
            + "tomorrow morning with news.");

    /** Customers chasing a ticket nobody has answered yet. */
    private static final List<String> CHASERS = List.of(
        "Is anybody reading these messages? I am still waiting for an answer.",
        "Any update on this? It has been a few days.",
        "Just following up on my message below. Please let me know.",
        "Hello? I need an answer before the weekend.");

    private static final List<String> NOTES = List.of(
        "Checked the order history: the parcel left the warehouse on time. Waiting for the carrier.",
        "Escalated to the warehouse lead, reference WH-{order}.",
        "Customer also called about this, same issue. Added the details here.",
        "Finance confirmed the refund batch runs on Thursday.",
        "Waiting for the developers, bug report APP-{order}.",
        "Long-standing customer, please keep the tone personal and answer within the day.",
        "Second contact about this issue; offered a ten percent voucher as goodwill.",
        "Replacement approved by the team lead.");

    private static final List<String> GREETINGS = List.of("Hello,", "Hi,", "Good morning,", "Dear support team,", "Hi there,");
    private static final List<String> CLOSINGS = List.of("Thanks,", "Best regards,", "Kind regards,", "Cheers,", "Thank you,");

    private static final List<String> PRODUCTS = List.of(
        "laptop stand", "desk lamp", "wireless headphones", "travel backpack", "coffee grinder", "rain jacket",
        "smart watch", "blender", "office chair", "phone case", "electric kettle", "hiking boots", "bluetooth speaker",
        "standing desk", "air purifier", "webcam", "yoga mat", "espresso machine", "e-reader", "robot vacuum");

    /** Second tags, none of them a story's tag. */
    private static final List<String> EXTRA_TAGS = List.of(
        "vip", "escalated", "repeat-contact", "needs-callback", "goodwill", "social-media");

    private static final List<String> FIRST_NAMES = List.of(
        "Anna", "Ben", "Chloe", "David", "Elif", "Farah", "Georg", "Hiro", "Ines", "Jamal", "Klara", "Leon", "Mia",
        "Noah", "Olga", "Pavel", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wen", "Yusuf", "Zoe", "Amelia",
        "Bruno", "Carmen", "Dmitri", "Emma", "Finn", "Gita", "Hannah", "Ivan", "Julia", "Kofi", "Lena", "Marco",
        "Nadia", "Oscar");

    private static final List<String> LAST_NAMES = List.of(
        "Schmidt", "Nguyen", "Rossi", "Kowalski", "Haddad", "Andersen", "Murphy", "Silva", "Yilmaz", "Novak", "Dubois",
        "Kim", "Garcia", "Meyer", "Okoro", "Lindqvist", "Brown", "Ivanova", "Costa", "Jansen", "Smith", "Moreau",
        "Fischer", "Tanaka", "Hughes", "Kaya", "Larsen", "Popescu", "Mensah", "Ortiz", "Weber", "Horvat", "Ali",
        "Bauer", "Martin", "Sato", "Walsh", "Nowak", "Fontaine", "Park");

    private static final List<String> DOMAINS = List.of(
        "example.com", "example.org", "example.net", "mail.example.com", "example.de", "example.fr", "example.co.uk");

    private static final List<String> ORG_WORDS = List.of(
        "Northwind", "Blue River", "Silverline", "Granite", "Harbor", "Maple", "Summit", "Evergreen", "Redwood",
        "Lakeside", "Ironbridge", "Cedar", "Brightway", "Oakmont", "Westfield", "Clearwater", "Stonegate", "Sunrise",
        "Highland", "Riverside");
    private static final List<String> ORG_TRADES = List.of(
        "Trading", "Logistics", "Studios", "Consulting", "Health", "Foods", "Systems", "Retail", "Labs", "Energy");
    private static final List<String> ORG_FORMS = List.of("GmbH", "Ltd", "Inc", "AG", "LLC", "SA", "BV", "Oy");

    /** Created only when the database has no active agent with the AGENT role. */
    private static final List<String> TEAMS = List.of("Support", "Billing", "Technical", "Returns");
    private static final List<String> AGENTS = List.of(
        "Olivia Brandt", "Kenji Sato", "Fatima Zahra", "Lukas Novak", "Grace Mensah", "Mateo Rossi", "Ingrid Holm",
        "Ravi Patel", "Chloe Martin", "Daniel Kim", "Amara Diallo", "Felix Wagner");

    private static final double HISTORY_DAYS = 730;
    private static final long DAY = 86_400;

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        Properties props = new Properties();
        props.setProperty("user", options.user());
        if (options.password() != null) props.setProperty("password", options.password());
        props.setProperty("ApplicationName", "FillTickets");
        long started = System.nanoTime();
        try (Connection db = DriverManager.getConnection(options.jdbc(), props)) {
            if (options.analyzeOnly()) {
                vacuumAnalyze(db);
                System.out.printf(Locale.ROOT, "done in %.1f s%n", seconds(started));
                return;
            }
            requireSchema(db);
            try (Statement s = db.createStatement()) {
                // Only this session: each batch commits without waiting for the WAL flush (a crash loses at most
                // the last batches, never consistency); no JIT compile per statement; no server-side timeout.
                s.execute("SET synchronous_commit = off");
                s.execute("SET jit = off");
                s.execute("SET statement_timeout = 0");
                s.execute("SET work_mem = '64MB'");
            }
            db.setAutoCommit(false);
            Staff staff = staff(db);
            String nowLiteral = now(db);
            System.out.printf(Locale.ROOT,
                "FillTickets tickets=%d messages/ticket=%d customers=%d batch=%d seed=%d teams=%d agents=%d java=%s%n",
                options.tickets(), options.messagesPerTicket(), options.customers(), options.batch(), options.seed(),
                staff.teamIds().size(), staff.agentIds().size(), Runtime.version());

            createScratch(db);
            List<Long> organizations = organizations(db, options.customers(), nowLiteral);
            long customerRows = fillCustomers(db, options, nowLiteral, organizations, started);
            long[] counts = fillTickets(db, options, nowLiteral, staff, started);
            db.commit();
            double fillSeconds = seconds(started);
            db.setAutoCommit(true);
            try (Statement s = db.createStatement()) {
                s.execute("DROP TABLE IF EXISTS fill_customer, fill_t");
            }
            long rows = customerRows + counts[0] + counts[1] + counts[2];
            System.out.printf(Locale.ROOT,
                "inserted %d tickets, %d messages (%.2f per ticket), %d ticket audit rows, %d customer rows "
                    + "(customers, identities, audit) in %.1f s: %.0f tickets/s, %.0f rows/s%n",
                counts[0], counts[1], (double) counts[1] / Math.max(1, counts[0]), counts[2], customerRows, fillSeconds,
                counts[0] / fillSeconds, rows / fillSeconds);
            vacuumAnalyze(db);
            report(db);
            System.out.printf(Locale.ROOT, "done in %.1f s%n", seconds(started));
        }
    }

    private static void requireSchema(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery(
                 "SELECT to_regclass('ticket') IS NOT NULL AND to_regclass('ticket_number_seq') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                System.err.println("no Rapport schema in this database: start Rapport once against it (Flyway creates "
                    + "the tables), then run FillTickets again");
                System.exit(1);
            }
        }
    }

    /** The database's clock, to the second, as a SQL literal: every generated time lies before it. */
    private static String now(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT date_trunc('second', now())")) {
            rs.next();
            OffsetDateTime now = rs.getObject(1, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC);
            return "'" + now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "'::timestamptz";
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Staff

    private static Staff staff(Connection db) throws SQLException {
        boolean hasAgents;
        boolean hasTeams;
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM agent WHERE active AND role = 'AGENT'), "
                 + "EXISTS (SELECT 1 FROM agent_team)")) {
            rs.next();
            hasAgents = rs.getBoolean(1);
            hasTeams = rs.getBoolean(2);
        }
        if (!hasAgents || !hasTeams) {
            createStaff(db, !hasAgents);
        }
        List<Long> teamIds = new ArrayList<>();
        List<String> teamNames = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT id, name FROM agent_team ORDER BY id")) {
            while (rs.next()) {
                teamIds.add(rs.getLong(1));
                teamNames.add(rs.getString(2));
            }
        }
        List<Long> agentIds = new ArrayList<>();
        List<String> agentNames = new ArrayList<>();
        List<String> agentFirstNames = new ArrayList<>();
        Map<Long, Integer> agentIndex = new LinkedHashMap<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, name FROM agent WHERE active ORDER BY id")) {
            while (rs.next()) {
                agentIds.add(rs.getLong(1));
                agentNames.add(rs.getString(2));
                agentFirstNames.add(rs.getString(2).strip().split("\\s+")[0]);
                agentIndex.put(rs.getLong(1), agentIds.size()); // 1-based, as in SQL arrays
            }
        }
        List<List<Integer>> members = new ArrayList<>();
        for (int i = 0; i < teamIds.size(); i++) members.add(new ArrayList<>());
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT agent_id, team_id FROM agent_team_member ORDER BY team_id, agent_id")) {
            while (rs.next()) {
                Integer agent = agentIndex.get(rs.getLong(1));
                int team = teamIds.indexOf(rs.getLong(2));
                if (agent != null && team >= 0) members.get(team).add(agent);
            }
        }
        if (teamIds.isEmpty() || agentIds.isEmpty()) {
            throw new IllegalStateException("no teams or no active agents, even after creating them");
        }
        db.commit();
        return new Staff(teamIds, teamNames, agentIds, agentNames, agentFirstNames, members);
    }

    /** Four teams (reusing any of the same name) and twelve agents, three per team, like a small help desk. */
    private static void createStaff(Connection db, boolean withAgents) throws SQLException {
        try (PreparedStatement team = db.prepareStatement("INSERT INTO agent_team (name) VALUES (?) ON CONFLICT DO NOTHING");
             PreparedStatement agent = db.prepareStatement("""
                 INSERT INTO agent (email, name, role, skills, capacity, presence)
                 VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING""");
             PreparedStatement member = db.prepareStatement("""
                 INSERT INTO agent_team_member (agent_id, team_id)
                 SELECT a.id, t.id FROM agent a, agent_team t WHERE a.email = ? AND lower(t.name) = lower(?)
                 ON CONFLICT DO NOTHING""")) {
            for (String name : TEAMS) {
                team.setString(1, name);
                team.executeUpdate();
            }
            String[] skills = {"general", "billing", "networking", "returns", "german", "escalations"};
            String[] presence = {"ONLINE", "ONLINE", "AWAY", "OFFLINE"};
            for (int i = 0; withAgents && i < AGENTS.size(); i++) {
                String name = AGENTS.get(i);
                String email = name.toLowerCase(Locale.ROOT).replace(' ', '.') + "@rapport.local";
                agent.setString(1, email);
                agent.setString(2, name);
                agent.setString(3, i == 0 ? "SUPERVISOR" : "AGENT");
                agent.setArray(4, db.createArrayOf("text", new String[] {skills[i % skills.length]}));
                agent.setInt(5, 8 + i % 5);
                agent.setString(6, presence[i % presence.length]);
                agent.executeUpdate();
                member.setString(1, email);
                member.setString(2, TEAMS.get(i % TEAMS.size()));
                member.executeUpdate();
            }
        }
        db.commit();
        System.out.println(withAgents
            ? "no active agent with the AGENT role: created teams " + TEAMS + " and " + AGENTS.size()
                + " agents (no passwords) in them"
            : "no teams: created teams " + TEAMS);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Customers

    private static void createScratch(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            // Session-local helpers: temporary tables and a function in pg_temp, gone when the connection closes.
            s.execute("DROP TABLE IF EXISTS fill_customer, fill_t");
            s.execute("""
                CREATE TEMP TABLE fill_customer (
                    k BIGINT PRIMARY KEY, id BIGINT NOT NULL, first_name TEXT NOT NULL, name TEXT NOT NULL,
                    email TEXT NOT NULL, phone TEXT, organization_id BIGINT, language TEXT NOT NULL, time_zone TEXT NOT NULL,
                    vip BOOLEAN NOT NULL, created_at TIMESTAMPTZ NOT NULL)""");
            s.execute("""
                CREATE TEMP TABLE fill_t (
                    i BIGINT, id BIGINT, number BIGINT, customer_id BIGINT, customer_first TEXT, customer_email TEXT,
                    story INT, order_no TEXT, product TEXT, channel TEXT, status TEXT, priority TEXT, priority_rank SMALLINT,
                    team_id BIGINT, assignee_id BIGINT, agent_id BIGINT, agent_name TEXT, agent_first TEXT, tags TEXT[],
                    created_at TIMESTAMPTZ, dur FLOAT8, n INT, conv INT, note BOOLEAN)""");
            // Message j of a ticket with n messages over dur seconds: the first at created_at, the others spread
            // over the duration in order, each with its own jitter (deterministic, so the ticket's timestamps and
            // its messages' agree).
            s.execute("""
                CREATE OR REPLACE FUNCTION pg_temp.fill_at(c TIMESTAMPTZ, d FLOAT8, n INT, id BIGINT, j INT)
                RETURNS TIMESTAMPTZ LANGUAGE sql STABLE AS $$
                    SELECT CASE WHEN j = 0 THEN c
                           ELSE c + make_interval(secs => d * (j + 0.8 * ((hashint8extended(id, j) & 65535)::float8 / 65536)) / n)
                           END
                $$""");
        }
        db.commit();
    }

    /** Organizations for a quarter of the customers: about one per 250 customers, from a fixed list of names. */
    private static List<Long> organizations(Connection db, long customers, String now) throws SQLException {
        int wanted = (int) Math.max(1, Math.min(ORG_WORDS.size() * ORG_TRADES.size() * ORG_FORMS.size(), customers / 250));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < wanted; i++) {
            names.add(ORG_WORDS.get(i % ORG_WORDS.size()) + " " + ORG_TRADES.get(i / ORG_WORDS.size() % ORG_TRADES.size())
                + " " + ORG_FORMS.get(i / (ORG_WORDS.size() * ORG_TRADES.size())));
        }
        List<Long> ids = new ArrayList<>();
        try (Statement s = db.createStatement()) {
            s.executeUpdate("INSERT INTO customer_organization (name, created_at) SELECT name, " + now
                + " - interval '" + (long) HISTORY_DAYS + " days' FROM unnest(" + textArray(names)
                + ") AS name ON CONFLICT DO NOTHING");
            try (ResultSet rs = s.executeQuery("SELECT id FROM customer_organization WHERE lower(name) IN "
                    + "(SELECT lower(n) FROM unnest(" + textArray(names) + ") AS n) ORDER BY id")) {
                while (rs.next()) ids.add(rs.getLong(1));
            }
        }
        db.commit();
        return ids;
    }

    /**
     * Customer k (0-based) is created just before ticket ceil(k * tickets / customers), their first ticket; the
     * later tickets pick returning customers. Email identities carry the customer id, so reruns never collide.
     */
    private static long fillCustomers(Connection db, Options o, String now, List<Long> organizations, long started)
            throws SQLException {
        String pick = """
            INSERT INTO fill_customer (k, id, first_name, name, email, phone, organization_id, language, time_zone, vip, created_at)
            SELECT k, id, first_name, first_name || ' ' || last_name,
                   lower(first_name || '.' || last_name || id || '@' || domain),
                   CASE WHEN r_phone < 0.3 THEN '+4915' || (100000000 + id) END,
                   organization_id, language,
                   CASE language WHEN 'de' THEN 'Europe/Berlin' WHEN 'fr' THEN 'Europe/Paris' WHEN 'es' THEN 'Europe/Madrid'
                       ELSE (ARRAY['Europe/London','America/New_York','America/Chicago','America/Los_Angeles','Australia/Sydney'])[1 + floor(r_zone * 5)::int]
                   END,
                   r_vip < 0.02, created_at
            FROM (
                SELECT nextval(pg_get_serial_sequence('customer', 'id')) AS id, s.*
                FROM (
                    SELECT k,
                           ({{FIRST}})[1 + floor(random() * {{NFIRST}})::int] AS first_name,
                           ({{LAST}})[1 + floor(random() * {{NLAST}})::int] AS last_name,
                           ({{DOMAINS}})[1 + floor(random() * {{NDOMAINS}})::int] AS domain,
                           CASE WHEN random() < 0.25 THEN ({{ORGS}})[1 + floor(random() * {{NORGS}})::int] END AS organization_id,
                           (SELECT CASE WHEN r < 0.70 THEN 'en' WHEN r < 0.85 THEN 'de' WHEN r < 0.93 THEN 'fr' ELSE 'es' END
                            FROM (SELECT random() + k * 0 AS r) x) AS language,
                           random() AS r_phone, random() AS r_zone, random() AS r_vip,
                           {{START}} + make_interval(secs => {{SPAN}} * (sqrt(1 + 3 * (((k * {{TICKETS}} + {{CUSTOMERS}} - 1) / {{CUSTOMERS}})::float8 / {{TICKETS}})) - 1))
                               - make_interval(mins => 1 + floor(random() * 60)::int) AS created_at
                    FROM generate_series(?::bigint, ?::bigint) AS k
                    ORDER BY k
                ) s
            ) c"""
            .replace("{{FIRST}}", textArray(FIRST_NAMES)).replace("{{NFIRST}}", Integer.toString(FIRST_NAMES.size()))
            .replace("{{LAST}}", textArray(LAST_NAMES)).replace("{{NLAST}}", Integer.toString(LAST_NAMES.size()))
            .replace("{{DOMAINS}}", textArray(DOMAINS)).replace("{{NDOMAINS}}", Integer.toString(DOMAINS.size()))
            .replace("{{ORGS}}", bigintArray(organizations)).replace("{{NORGS}}", Integer.toString(organizations.size()))
            .replace("{{START}}", start(now)).replace("{{SPAN}}", span())
            .replace("{{TICKETS}}", Long.toString(o.tickets())).replace("{{CUSTOMERS}}", Long.toString(o.customers()));
        String customers = """
            INSERT INTO customer (id, name, organization_id, language, time_zone, tags, created_at, updated_at) OVERRIDING SYSTEM VALUE
            SELECT id, name, organization_id, language, time_zone, CASE WHEN vip THEN '{vip}'::text[] ELSE '{}' END, created_at, created_at
            FROM fill_customer WHERE k BETWEEN ? AND ? ORDER BY id""";
        String identities = """
            INSERT INTO customer_identity (customer_id, kind, value, created_at)
            SELECT id, 'EMAIL', email, created_at FROM fill_customer WHERE k BETWEEN ? AND ?
            UNION ALL
            SELECT id, 'PHONE', phone, created_at + interval '1 day' FROM fill_customer WHERE k BETWEEN ? AND ? AND phone IS NOT NULL
            ON CONFLICT (kind, value) DO NOTHING""";
        // What CustomerService.findOrCreate writes for a customer who first wrote by email.
        String audit = """
            INSERT INTO customer_audit (customer_id, actor_kind, actor_id, actor_label, field, before, after, at)
            SELECT id, 'SYSTEM', NULL, 'email channel', f.field, NULL, f.after, created_at
            FROM fill_customer CROSS JOIN LATERAL (VALUES ('created', name), ('identity', 'email:' || email)) AS f(field, after)
            WHERE k BETWEEN ? AND ?""";
        requireFilled(pick);
        long rows = 0;
        int batch = Math.max(o.batch(), 10_000);
        try (PreparedStatement p = db.prepareStatement(pick);
             PreparedStatement c = db.prepareStatement(customers);
             PreparedStatement i = db.prepareStatement(identities);
             PreparedStatement a = db.prepareStatement(audit);
             Statement s = db.createStatement()) {
            for (long lo = 0; lo < o.customers(); lo += batch) {
                long hi = Math.min(o.customers(), lo + batch) - 1;
                seed(s, o.seed(), -1 - lo / batch);
                bind(p, lo, hi).executeUpdate();
                rows += bind(c, lo, hi).executeUpdate();
                i.setLong(1, lo); i.setLong(2, hi); i.setLong(3, lo); i.setLong(4, hi);
                rows += i.executeUpdate();
                rows += bind(a, lo, hi).executeUpdate();
                db.commit();
                System.out.printf(Locale.ROOT, "customers %d/%d  elapsed %.1f s%n", hi + 1, o.customers(), seconds(started));
            }
            s.execute("ANALYZE fill_customer");
        }
        db.commit();
        return rows;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Tickets

    /** Returns {tickets, messages, audit rows}. */
    private static long[] fillTickets(Connection db, Options o, String now, Staff staff, long started) throws SQLException {
        int teams = staff.teamIds().size();
        int[] categoryTeam = new int[CATEGORY_WORDS.length]; // 1-based team index per story category
        for (int c = 0; c < CATEGORY_WORDS.length; c++) {
            categoryTeam[c] = c % teams + 1;
            for (int t = 0; t < teams; t++) {
                if (staff.teamNames().get(t).toLowerCase(Locale.ROOT).contains(CATEGORY_WORDS[c])) {
                    categoryTeam[c] = t + 1;
                    break;
                }
            }
        }
        List<Integer> teamStart = new ArrayList<>();
        List<Integer> teamCount = new ArrayList<>();
        List<Integer> members = new ArrayList<>();
        for (List<Integer> m : staff.members()) {
            teamStart.add(members.size() + 1);
            teamCount.add(m.size());
            members.addAll(m);
        }
        if (members.isEmpty()) members.add(1); // never read: every team count is 0
        List<Integer> storyTeam = STORIES.stream().map(s -> categoryTeam[s.category()]).toList();

        // 1. One row per ticket with every random choice made once; the next statements only read it.
        String choose = """
            INSERT INTO fill_t (i, id, number, customer_id, customer_first, customer_email, story, order_no, product, channel,
                                status, priority, priority_rank, team_id, assignee_id, agent_id, agent_name, agent_first, tags,
                                created_at, dur, n, conv, note)
            SELECT i, nextval(pg_get_serial_sequence('ticket', 'id')), nextval('ticket_number_seq'), customer_id, customer_first,
                   customer_email, story, order_no, product, channel, status, priority, priority_rank, team_id, assignee_id,
                   agent_id, agent_name, agent_first, tags, created_at, dur, conv + note::int, conv, note::boolean
            FROM (
                SELECT g.i, c.id AS customer_id, c.first_name AS customer_first, c.email AS customer_email,
                       x.story, x.order_no, x.product, x.channel, st.status, x.priority, x.priority_rank,
                       ({{TEAM_IDS}})[tm.team] AS team_id, ({{AGENT_IDS}})[asg.agent] AS assignee_id,
                       ({{AGENT_IDS}})[coalesce(asg.agent, rep.agent)] AS agent_id,
                       ({{AGENT_NAMES}})[coalesce(asg.agent, rep.agent)] AS agent_name,
                       ({{AGENT_FIRST}})[coalesce(asg.agent, rep.agent)] AS agent_first,
                       CASE WHEN x.r_tags < 0.20 THEN '{}'::text[]
                            WHEN x.r_tags < 0.85 THEN ARRAY[({{STORY_TAGS}})[x.story]]
                            ELSE ARRAY[({{STORY_TAGS}})[x.story], ({{EXTRA_TAGS}})[1 + floor(x.r_extra * {{NEXTRA}})::int]] END AS tags,
                       t.created_at,
                       least(a.age * 0.9, -ln(1 - x.r_dur) * 0.7 * {{DAY}} * (msgs.conv + msgs.note)
                             / CASE x.priority WHEN 'LOW' THEN 0.7 WHEN 'HIGH' THEN 2 WHEN 'URGENT' THEN 4 ELSE 1 END) AS dur,
                       msgs.conv, msgs.note
                FROM generate_series(?::bigint, ?::bigint) AS g(i)
                CROSS JOIN LATERAL (
                    SELECT {{START}} + make_interval(secs => {{SPAN}} * (sqrt(1 + 3 * (g.i + random()) / {{TICKETS}}) - 1)) AS created_at,
                           CASE WHEN g.i = 0 OR (g.i * {{CUSTOMERS}}) / {{TICKETS}} <> ((g.i - 1) * {{CUSTOMERS}}) / {{TICKETS}}
                                THEN (g.i * {{CUSTOMERS}}) / {{TICKETS}}
                                ELSE floor(((g.i * {{CUSTOMERS}}) / {{TICKETS}} + 1) * power(random(), 1.5))::bigint END AS k
                ) t
                JOIN fill_customer c ON c.k = t.k
                CROSS JOIN LATERAL (SELECT extract(epoch FROM {{NOW}} - t.created_at)::float8 AS age, random() AS r) a
                CROSS JOIN LATERAL (
                    SELECT CASE WHEN a.age > 14 * {{DAY}} THEN
                               CASE WHEN a.r < 0.962 THEN 'CLOSED' WHEN a.r < 0.975 THEN 'SOLVED' WHEN a.r < 0.985 THEN 'OPEN'
                                    WHEN a.r < 0.992 THEN 'PENDING' WHEN a.r < 0.998 THEN 'ON_HOLD' ELSE 'NEW' END
                           ELSE
                               CASE WHEN a.r < 0.12 THEN 'NEW' WHEN a.r < 0.37 THEN 'OPEN' WHEN a.r < 0.52 THEN 'PENDING'
                                    WHEN a.r < 0.57 THEN 'ON_HOLD' WHEN a.r < 0.90 THEN 'SOLVED' ELSE 'CLOSED' END
                           END AS status
                ) st
                CROSS JOIN LATERAL (
                    SELECT 1 + floor(random() * {{NSTORIES}})::int AS story,
                           (100000 + floor(random() * 900000)::int)::text AS order_no,
                           ({{PRODUCTS}})[1 + floor(random() * {{NPRODUCTS}})::int] AS product,
                           CASE WHEN r_channel < 0.58 THEN 'EMAIL' WHEN r_channel < 0.73 THEN 'WEB_FORM'
                                WHEN r_channel < 0.83 THEN 'CHAT' WHEN r_channel < 0.90 THEN 'API'
                                WHEN r_channel < 0.95 THEN 'PHONE' WHEN r_channel < 0.98 THEN 'SOCIAL' ELSE 'WEBHOOK' END AS channel,
                           CASE WHEN r_priority < 0.15 THEN 'LOW' WHEN r_priority < 0.75 THEN 'NORMAL'
                                WHEN r_priority < 0.95 THEN 'HIGH' ELSE 'URGENT' END AS priority,
                           CASE WHEN r_priority < 0.15 THEN 0 WHEN r_priority < 0.75 THEN 1
                                WHEN r_priority < 0.95 THEN 2 ELSE 3 END AS priority_rank,
                           r_tags, r_extra, r_dur, r_count, r_shape
                    FROM (SELECT random() + g.i * 0 AS r_channel, random() AS r_priority, random() AS r_tags,
                                 random() AS r_extra, random() AS r_dur, random() AS r_count,
                                 random() AS r_shape) r
                ) x
                CROSS JOIN LATERAL (
                    -- 4% reach no team; 80% the team of their subject; the rest any team.
                    SELECT CASE WHEN r < 0.04 THEN NULL
                                WHEN r < 0.84 THEN ({{STORY_TEAM}})[x.story]
                                ELSE 1 + floor(random() * {{NTEAMS}})::int END AS team
                    FROM (SELECT random() + g.i * 0 AS r) r
                ) tm
                CROSS JOIN LATERAL (
                    -- Nobody has taken a new ticket yet; of the others 92% are assigned to a member of their team.
                    SELECT CASE WHEN st.status = 'NEW' OR tm.team IS NULL OR ({{TEAM_COUNT}})[tm.team] = 0 OR random() < 0.08 THEN NULL
                                ELSE ({{MEMBERS}})[({{TEAM_START}})[tm.team] + floor(random() * ({{TEAM_COUNT}})[tm.team])::int] END AS agent
                ) asg
                CROSS JOIN LATERAL (
                    -- Who answers an unassigned ticket: someone of its team, else anyone.
                    SELECT CASE WHEN tm.team IS NOT NULL AND ({{TEAM_COUNT}})[tm.team] > 0
                                THEN ({{MEMBERS}})[({{TEAM_START}})[tm.team] + floor(random() * ({{TEAM_COUNT}})[tm.team])::int]
                                ELSE 1 + floor(random() * {{NAGENTS}})::int END AS agent
                ) rep
                CROSS JOIN LATERAL (
                    -- M-1, M or M+1 messages (mean M), shaped to the status: customer and agent take turns starting with
                    -- the customer; OPEN ends with the customer, PENDING/SOLVED/CLOSED with an agent's reply, ON_HOLD with
                    -- an internal note. When the drawn count does not fit the status, the conversation is one turn
                    -- shorter plus an internal note (30%), one turn shorter (35%) or one turn longer (35%): the mean
                    -- stays M. A NEW ticket has only the customer's message, and in a quarter of them a second one
                    -- chasing it.
                    SELECT CASE WHEN st.status = 'NEW' THEN CASE WHEN total > {{MESSAGES}} THEN 2 ELSE 1 END
                                WHEN st.status = 'ON_HOLD' THEN greatest(1, total - 1)
                                WHEN total % 2 = wanted THEN total
                                WHEN x.r_shape < 0.65 AND total - 1 >= least_turns THEN total - 1
                                ELSE total + 1 END AS conv,
                           CASE WHEN st.status = 'NEW' THEN 0
                                WHEN st.status = 'ON_HOLD' THEN 1
                                WHEN total % 2 <> wanted AND x.r_shape < 0.30 AND total - 1 >= least_turns THEN 1
                                ELSE 0 END AS note
                    FROM (SELECT greatest(1, {{MESSAGES}} + CASE WHEN x.r_count < 0.25 THEN -1 WHEN x.r_count < 0.75 THEN 0 ELSE 1 END) AS total,
                                 CASE WHEN st.status = 'OPEN' THEN 1 ELSE 0 END AS wanted,
                                 CASE WHEN st.status = 'OPEN' THEN 1 ELSE 2 END AS least_turns) m
                ) msgs
                ORDER BY g.i
            ) s""";
        choose = choose
            .replace("{{TEAM_IDS}}", bigintArray(staff.teamIds())).replace("{{AGENT_IDS}}", bigintArray(staff.agentIds()))
            .replace("{{AGENT_FIRST}}", textArray(staff.agentFirstNames()))
            .replace("{{AGENT_NAMES}}", textArray(staff.agentNames()))
            .replace("{{STORY_TAGS}}", textArray(STORIES.stream().map(Story::tag).toList()))
            .replace("{{STORY_TEAM}}", intArray(storyTeam))
            .replace("{{NEXTRA}}", Integer.toString(EXTRA_TAGS.size())).replace("{{EXTRA_TAGS}}", textArray(EXTRA_TAGS))
            .replace("{{NSTORIES}}", Integer.toString(STORIES.size()))
            .replace("{{NPRODUCTS}}", Integer.toString(PRODUCTS.size())).replace("{{PRODUCTS}}", textArray(PRODUCTS))
            .replace("{{NTEAMS}}", Integer.toString(teams)).replace("{{NAGENTS}}", Integer.toString(staff.agentIds().size()))
            .replace("{{TEAM_COUNT}}", intArray(teamCount)).replace("{{TEAM_START}}", intArray(teamStart))
            .replace("{{MEMBERS}}", intArray(members)).replace("{{MESSAGES}}", Integer.toString(o.messagesPerTicket()))
            .replace("{{START}}", start(now)).replace("{{SPAN}}", span()).replace("{{NOW}}", now).replace("{{DAY}}", Long.toString(DAY))
            .replace("{{TICKETS}}", Long.toString(o.tickets())).replace("{{CUSTOMERS}}", Long.toString(o.customers()));

        // 2. The tickets, with the timestamps their messages imply.
        String tickets = """
            INSERT INTO ticket (id, number, subject, customer_id, channel, status, priority, priority_rank, team_id, assignee_id,
                                tags, custom_fields, version, created_at, updated_at, first_response_at, solved_at,
                                last_customer_message_at)
            OVERRIDING SYSTEM VALUE
            SELECT id, number, replace(replace(({{SUBJECTS}})[story], '{order}', order_no), '{product}', product), customer_id,
                   channel, status, priority, priority_rank, team_id, assignee_id, tags, '{}'::jsonb,
                   n + CASE WHEN status = 'NEW' THEN 0 ELSE 2 END,
                   created_at,
                   CASE WHEN status <> 'CLOSED' THEN last_at
                        -- closed automatically four days after it was solved, or by hand when that is still ahead
                        WHEN solved_at + interval '4 days 6 hours' < {{NOW}}
                        THEN greatest(last_at, solved_at + interval '4 days' + random() * interval '6 hours')
                        ELSE last_at + random() * ({{NOW}} - last_at) END,
                   first_at, solved_at, customer_at
            FROM (
                SELECT f.*,
                       pg_temp.fill_at(created_at, dur, n, id, n - 1) AS last_at,
                       CASE WHEN status <> 'NEW' AND conv >= 2 THEN pg_temp.fill_at(created_at, dur, n, id, 1) END AS first_at,
                       CASE WHEN status IN ('SOLVED', 'CLOSED') THEN pg_temp.fill_at(created_at, dur, n, id, conv - 1) END AS solved_at,
                       pg_temp.fill_at(created_at, dur, n, id,
                           CASE WHEN status = 'NEW' OR conv % 2 = 1 THEN conv - 1 ELSE conv - 2 END) AS customer_at
                FROM fill_t f
            ) t"""
            .replace("{{SUBJECTS}}", textArray(STORIES.stream().map(Story::subject).toList()))
            .replace("{{NOW}}", now);

        // 3. The conversations. Like the application: every message carries the channel it came by (agents answer
        //    on the ticket's channel), customer messages are INBOUND REPLY, agent answers OUTBOUND REPLY, notes
        //    OUTBOUND NOTE; a follow-up now and then arrives on another channel; some emails have an HTML body.
        String messages = """
            INSERT INTO ticket_message (ticket_id, original_ticket_id, kind, direction, author_kind, author_id, channel,
                                        body_text, body_html, created_at, automatic)
            SELECT id, id,
                   CASE WHEN is_note THEN 'NOTE' ELSE 'REPLY' END,
                   CASE WHEN from_customer THEN 'INBOUND' ELSE 'OUTBOUND' END,
                   CASE WHEN from_customer THEN 'CUSTOMER' ELSE 'AGENT' END,
                   CASE WHEN from_customer THEN customer_id ELSE agent_id END,
                   msg_channel,
                   body,
                   CASE WHEN from_customer AND msg_channel = 'EMAIL' AND r_html < 0.4
                        THEN '<p>' || replace(replace(replace(replace(replace(body, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
                                     E'\\n\\n', '</p><p>'), E'\\n', '<br>') || '</p>' END,
                   pg_temp.fill_at(created_at, dur, n, id, j),
                   false
            FROM (
                SELECT f.id, f.customer_id, f.agent_id, f.created_at, f.dur, f.n, w.j, w.from_customer, w.is_note, w.r_html,
                       CASE WHEN w.from_customer AND w.j > 0 AND w.r_switch < 0.07
                            THEN CASE WHEN f.channel = 'EMAIL' THEN 'PHONE' ELSE 'EMAIL' END
                            ELSE f.channel END AS msg_channel,
                       replace(replace(
                           CASE
                               WHEN w.is_note THEN ({{NOTES}})[1 + floor(w.r_text * {{NNOTES}})::int]
                               WHEN w.from_customer THEN
                                   CASE WHEN f.channel IN ('CHAT', 'SOCIAL') THEN '' ELSE ({{GREETINGS}})[1 + floor(w.r_text * {{NGREETINGS}})::int] || E'\\n\\n' END
                                   || CASE WHEN w.j = 0 THEN ({{FIRSTS}})[f.story]
                                           WHEN f.status = 'NEW' THEN ({{CHASERS}})[1 + floor(w.r_text * {{NCHASERS}})::int]
                                           WHEN w.j = 2 THEN ({{FOLLOW_UPS}})[f.story]
                                           ELSE ({{LATER_CUSTOMER}})[1 + floor(w.r_text * {{NLATER_CUSTOMER}})::int] END
                                   || CASE WHEN f.channel IN ('CHAT', 'SOCIAL') THEN ''
                                           ELSE E'\\n\\n' || ({{CLOSINGS}})[1 + floor(w.r_close * {{NCLOSINGS}})::int] || E'\\n' || f.customer_first END
                               ELSE
                                   CASE WHEN f.channel IN ('CHAT', 'SOCIAL') THEN '' ELSE 'Hi ' || f.customer_first || E',\\n\\n' END
                                   || CASE WHEN w.j = 1 THEN ({{ANSWERS}})[f.story]
                                           WHEN w.j = 3 THEN ({{SECOND_ANSWERS}})[f.story]
                                           ELSE ({{LATER_AGENT}})[1 + floor(w.r_text * {{NLATER_AGENT}})::int] END
                                   || CASE WHEN f.channel IN ('CHAT', 'SOCIAL') THEN ''
                                           ELSE E'\\n\\nBest regards,\\n' || f.agent_first || E'\\nCustomer Care' END
                           END,
                           '{order}', f.order_no), '{product}', f.product) AS body
                FROM fill_t f
                CROSS JOIN LATERAL (
                    SELECT j,
                           f.status = 'NEW' OR (j < f.conv AND j % 2 = 0) AS from_customer,
                           f.note AND j = f.n - 1 AS is_note,
                           random() AS r_text, random() AS r_close, random() AS r_switch, random() AS r_html
                    FROM generate_series(0, f.n - 1) AS j
                ) w
            ) m"""
            .replace("{{NNOTES}}", Integer.toString(NOTES.size())).replace("{{NOTES}}", textArray(NOTES))
            .replace("{{NGREETINGS}}", Integer.toString(GREETINGS.size())).replace("{{GREETINGS}}", textArray(GREETINGS))
            .replace("{{NCLOSINGS}}", Integer.toString(CLOSINGS.size())).replace("{{CLOSINGS}}", textArray(CLOSINGS))
            .replace("{{NCHASERS}}", Integer.toString(CHASERS.size())).replace("{{CHASERS}}", textArray(CHASERS))
            .replace("{{NLATER_CUSTOMER}}", Integer.toString(LATER_FROM_CUSTOMER.size()))
            .replace("{{LATER_CUSTOMER}}", textArray(LATER_FROM_CUSTOMER))
            .replace("{{NLATER_AGENT}}", Integer.toString(LATER_FROM_AGENT.size()))
            .replace("{{LATER_AGENT}}", textArray(LATER_FROM_AGENT))
            .replace("{{SECOND_ANSWERS}}", textArray(STORIES.stream().map(Story::secondAnswer).toList()))
            .replace("{{FIRSTS}}", textArray(STORIES.stream().map(Story::first).toList()))
            .replace("{{FOLLOW_UPS}}", textArray(STORIES.stream().map(Story::followUp).toList()))
            .replace("{{ANSWERS}}", textArray(STORIES.stream().map(Story::answer).toList()));

        // 4. The audit row TicketService.open writes, with the actor each channel has: the customer for
        //    email and forms, the agent who took a phone call, the integration's token for the API.
        String audit = """
            INSERT INTO ticket_audit (ticket_id, actor_kind, actor_id, actor_label, field, before, after, at)
            SELECT id,
                   CASE channel WHEN 'API' THEN 'API_TOKEN' WHEN 'PHONE' THEN 'AGENT' ELSE 'CUSTOMER' END,
                   CASE channel WHEN 'API' THEN NULL WHEN 'PHONE' THEN agent_id ELSE customer_id END,
                   CASE channel WHEN 'API' THEN 'token ''shop integration''' WHEN 'PHONE' THEN agent_name ELSE customer_email END,
                   'created', NULL, '#' || number, created_at
            FROM fill_t""";

        requireFilled(choose, tickets, messages, audit);
        long[] counts = new long[3];
        long batchStart = System.nanoTime();
        try (PreparedStatement choosing = db.prepareStatement(choose);
             PreparedStatement t = db.prepareStatement(tickets);
             PreparedStatement m = db.prepareStatement(messages);
             PreparedStatement a = db.prepareStatement(audit);
             Statement s = db.createStatement()) {
            for (long lo = 0; lo < o.tickets(); lo += o.batch()) {
                long hi = Math.min(o.tickets(), lo + o.batch()) - 1;
                seed(s, o.seed(), lo / o.batch());
                s.execute("TRUNCATE fill_t");
                long t0 = System.nanoTime();
                bind(choosing, lo, hi).executeUpdate();
                long t1 = System.nanoTime();
                counts[0] += t.executeUpdate();
                long t2 = System.nanoTime();
                counts[1] += m.executeUpdate();
                long t3 = System.nanoTime();
                counts[2] += a.executeUpdate();
                long t4 = System.nanoTime();
                db.commit();
                double elapsed = seconds(batchStart);
                double rate = (hi + 1) / elapsed;
                System.out.printf(Locale.ROOT,
                    "tickets %d/%d (%.0f%%)  messages %d  %.0f tickets/s  elapsed %.1f s  eta %.0f s"
                        + "  [batch: choose %.2f s, tickets %.2f s, messages %.2f s, audit %.2f s, commit %.2f s]%n",
                    hi + 1, o.tickets(), 100.0 * (hi + 1) / o.tickets(), counts[1], rate, seconds(started),
                    (o.tickets() - hi - 1) / rate, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9,
                    seconds(t4));
            }
            s.execute("TRUNCATE fill_t");
        }
        return counts;
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * VACUUM as well as ANALYZE: a freshly loaded table has no visibility map and unset hint bits, so the first
     * reads after the fill would write, and autovacuum would start in the middle of the benchmark.
     */
    private static void vacuumAnalyze(Connection db) throws SQLException {
        db.setAutoCommit(true);
        long started = System.nanoTime();
        try (Statement s = db.createStatement()) {
            for (String table : List.of("customer_organization", "customer", "customer_identity", "customer_audit",
                    "ticket", "ticket_message", "ticket_audit")) {
                s.execute("VACUUM (ANALYZE) " + table);
            }
        }
        System.out.printf(Locale.ROOT, "vacuum analyze in %.1f s%n", seconds(started));
    }

    private static void report(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            StringJoiner status = new StringJoiner(", ");
            try (ResultSet rs = s.executeQuery("SELECT status, count(*) FROM ticket GROUP BY status ORDER BY count(*) DESC")) {
                while (rs.next()) status.add(rs.getString(1) + " " + rs.getLong(2));
            }
            try (ResultSet rs = s.executeQuery("""
                    SELECT (SELECT count(*) FROM ticket), (SELECT count(*) FROM ticket_message), (SELECT count(*) FROM customer),
                           (SELECT max(c) FROM (SELECT count(*) AS c FROM ticket GROUP BY customer_id) x),
                           pg_size_pretty(pg_total_relation_size('ticket')), pg_size_pretty(pg_total_relation_size('ticket_message')),
                           (SELECT last_value FROM ticket_number_seq)""")) {
                rs.next();
                System.out.printf(Locale.ROOT,
                    "database now: %d tickets (%s), %d messages (%s), %d customers, at most %d tickets per customer, "
                        + "ticket_number_seq at %d%nstatus: %s%n",
                    rs.getLong(1), rs.getString(5), rs.getLong(2), rs.getString(6), rs.getLong(3), rs.getLong(4),
                    rs.getLong(7), status);
            }
        }
    }

    private static void seed(Statement s, long seed, long batch) throws SQLException {
        // setseed takes [-1, 1]; a fixed seed and batch give the same rows on the same PostgreSQL version.
        double value = Math.floorMod(seed * 1_000_003L + batch * 7_919L, 2_000_000L) / 1_000_000.0 - 1;
        s.execute("SELECT setseed(" + value + ")");
    }

    private static void requireFilled(String... statements) {
        for (String sql : statements) {
            int at = sql.indexOf("{{");
            if (at >= 0) throw new IllegalStateException("placeholder left in SQL: " + sql.substring(at, Math.min(sql.length(), at + 40)));
        }
    }

    private static PreparedStatement bind(PreparedStatement p, long lo, long hi) throws SQLException {
        p.setLong(1, lo);
        p.setLong(2, hi);
        return p;
    }

    /** Ticket i of N is created at START + SPAN * (sqrt(1 + 3 i/N) - 1): two years, twice as busy at the end as at the start. */
    private static String start(String now) {
        return "(" + now + " - interval '" + (long) HISTORY_DAYS + " days')";
    }

    private static String span() {
        return Long.toString((long) (HISTORY_DAYS * DAY) - 3_600); // the newest ticket is an hour old
    }

    private static String textArray(List<String> values) {
        StringJoiner out = new StringJoiner(", ", "ARRAY[", "]::text[]");
        for (String v : values) out.add("'" + v.replace("'", "''") + "'");
        return out.toString();
    }

    private static String bigintArray(List<Long> values) {
        if (values.isEmpty()) return "'{}'::bigint[]";
        StringJoiner out = new StringJoiner(", ", "ARRAY[", "]::bigint[]");
        for (long v : values) out.add(Long.toString(v));
        return out.toString();
    }

    private static String intArray(List<Integer> values) {
        StringJoiner out = new StringJoiner(", ", "ARRAY[", "]::int[]");
        for (int v : values) out.add(Integer.toString(v));
        return out.toString();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static Options parse(String[] args) {
        String jdbc = null;
        String user = null;
        String password = null;
        long tickets = 0;
        int messages = 3;
        long customers = -1;
        int batch = 50_000;
        long seed = 42;
        boolean analyzeOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jdbc" -> jdbc = value(args, ++i);
                case "--user" -> user = value(args, ++i);
                case "--password" -> password = value(args, ++i);
                case "--tickets" -> tickets = Long.parseLong(value(args, ++i).replace("_", ""));
                case "--messages-per-ticket" -> messages = Integer.parseInt(value(args, ++i));
                case "--customers" -> customers = Long.parseLong(value(args, ++i).replace("_", ""));
                case "--batch" -> batch = Integer.parseInt(value(args, ++i).replace("_", ""));
                case "--seed" -> seed = Long.parseLong(value(args, ++i));
                case "--analyze-only" -> analyzeOnly = true;
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (jdbc == null || user == null) usage("--jdbc and --user are required");
        if (password == null) password = System.getenv("PGPASSWORD");
        if (!analyzeOnly) {
            if (tickets <= 0) usage("--tickets must be positive");
            if (messages < 1 || messages > 50) usage("--messages-per-ticket must be between 1 and 50");
            if (batch < 1) usage("--batch must be positive");
            if (customers < 0) customers = Math.max(1, tickets / 5);
            if (customers < 1) usage("--customers must be positive");
            if (customers > tickets) {
                System.out.println("--customers " + customers + " is more than --tickets: using " + tickets
                    + " (every customer has at least one ticket)");
                customers = tickets;
            }
        }
        return new Options(jdbc, user, password, tickets, messages, customers, batch, seed, analyzeOnly);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) usage("missing value for " + args[i - 1]);
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: java -cp postgresql.jar bench/FillTickets.java --jdbc jdbc:postgresql://HOST:PORT/DB "
            + "--user U [--password P] --tickets N [--messages-per-ticket 3] [--customers N/5] [--batch 50000] "
            + "[--seed 42] [--analyze-only]");
        System.exit(2);
    }
}
