package org.rapport.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rapport.Accounts;
import org.rapport.Accounts.Account;
import org.rapport.Api;
import org.rapport.RapportApplication;
import org.rapport.access.Credentials;
import org.rapport.agent.Role;
import org.rapport.shared.Actor;
import org.rapport.shared.ChannelKind;
import org.rapport.shared.TicketId;
import org.rapport.ticket.NewMessage;
import org.rapport.ticket.TicketService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import tools.jackson.databind.JsonNode;

/**
 * The workspace in a real browser (Debian's Chromium driven by Playwright) against the running server:
 * sign-in, inbox, reply, live updates in a second browser, the listen-first hold, who else is on a ticket,
 * permissions by URL, and hostile customer content rendering inert. Saves screenshots (see SCREENSHOTS).
 */
@SpringBootTest(classes = RapportApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Tag("db")
@Tag("browser")
class BrowserTests {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    /**
     * Where the screenshots go: target/screenshots, so an ordinary run leaves the tree clean; with
     * RAPPORT_SCREENSHOTS=docs/screenshots a run refreshes the ones the README shows.
     */
    static final Path SCREENSHOTS =
            Paths.get(System.getenv().getOrDefault("RAPPORT_SCREENSHOTS", "target/screenshots"));

    static final String PASSWORD = "browser-test-password-1";

    static Playwright playwright;
    static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Api api;

    @Autowired
    Credentials credentials;

    @Autowired
    TicketService tickets;

    @Autowired
    org.rapport.analysis.AnalysisQueries analyses;

    @Autowired
    org.rapport.ticket.TicketQueries queries;

    final List<BrowserContext> contexts = new ArrayList<>();
    final List<String> dialogs = new ArrayList<>();

    @BeforeAll
    static void launch() {
        boolean required = System.getenv("RAPPORT_REQUIRE_BROWSER") != null;
        if (required) {
            assertThat(Files.isExecutable(CHROMIUM))
                    .as("RAPPORT_REQUIRE_BROWSER is set but %s is missing", CHROMIUM)
                    .isTrue();
        }
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM), "Browser tests need Debian's Chromium: apt-get install -y chromium");
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-quic",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync")));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void clean() {
        dialogs.clear();
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    Account agentWithPassword(Role role, org.rapport.shared.TeamId team) {
        Account account = team == null ? accounts.inNewTeam(role) : accounts.inTeam(team, role);
        credentials.setPassword(account.agent(), account.email(), PASSWORD, false);
        return account;
    }

    Page signIn(Account account) {
        BrowserContext context = browser.newContext(
                new Browser.NewContextOptions().setViewportSize(1366, 860).setBaseURL("http://localhost:" + port));
        contexts.add(context);
        Page page = context.newPage();
        page.onDialog(dialog -> {
            dialogs.add(dialog.type() + ":" + dialog.message());
            if (dialog.type().equals("confirm")) {
                dialog.accept();
            } else {
                dialog.dismiss();
            }
        });
        page.navigate("/inbox");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/login$"));
        page.getByLabel("Email").fill(account.email());
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/inbox$"));
        return page;
    }

    @Test
    void anAgentRepliesAndAColleagueSeesTheChangeLive() throws Exception {
        Account alice = agentWithPassword(Role.AGENT, null);
        Account bob = agentWithPassword(Role.AGENT, alice.team());
        long teamId = alice.team().value();
        JsonNode first = api.openTicket(alice.token(), teamId, "My order arrived broken");
        long id = first.get("id").asLong();

        Page a = signIn(alice);
        Page b = signIn(bob);
        b.navigate("/inbox?view=unassigned");
        assertThat(b.getByText("My order arrived broken")).isVisible();

        a.navigate("/inbox?view=unassigned");
        a.getByText("My order arrived broken").click();
        assertThat(a).hasURL(java.util.regex.Pattern.compile(".*/tickets/" + id + "$"));
        assertThat(a.locator("#timeline")).containsText("My order arrived broken.");
        a.locator("#reply-text")
                .fill("I am sorry it arrived broken. A replacement ships today; you will have it by Friday.");
        a.getByLabel("Then set the ticket to").selectOption("PENDING");
        a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send"))
                .click();
        assertThat(a.locator(".flash")).containsText("Reply sent.");
        assertThat(a.locator("#timeline")).containsText("A replacement ships today");

        // What the customer sees through the API changed: the public reply is there.
        JsonNode messages = api.json(api.get(alice.token(), "/api/v1/tickets/" + id + "/messages"));
        assertThat(messages.toString()).contains("A replacement ships today");
        assertThat(api.json(api.get(alice.token(), "/api/v1/tickets/" + id))
                        .get("status")
                        .asString())
                .isEqualTo("pending");

        // Bob's inbox was open all along: a new ticket and the status change arrive without a reload.
        b.navigate("/inbox?view=all");
        assertThat(b.locator("#t-" + id)).containsText("Pending");
        a.getByLabel("Status", new Page.GetByLabelOptions().setExact(true)).selectOption("SOLVED");
        a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save").setExact(true))
                .click();
        assertThat(a.locator(".flash")).containsText("Ticket updated.");
        assertThat(b.locator("#t-" + id)).containsText("Solved");
        api.openTicket(alice.token(), teamId, "Second parcel is missing too");
        assertThat(b.getByText("Second parcel is missing too")).isVisible();

        // Keyboard: j moves to the first row, Enter opens it.
        b.keyboard().press("j");
        assertThat(b.locator("tr.cursor")).hasCount(1);
        b.keyboard().press("Enter");
        assertThat(b).hasURL(java.util.regex.Pattern.compile(".*/tickets/\\d+$"));
    }

    @Test
    void aReplyIsHeldWhenTheCustomerWroteAfterTheAgentOpenedTheTicketAndOthersAreShown() {
        Account alice = agentWithPassword(Role.AGENT, null);
        Account bob = agentWithPassword(Role.AGENT, alice.team());
        JsonNode opened = api.openTicket(alice.token(), alice.team().value(), "Charged twice");
        long id = opened.get("id").asLong();

        Page a = signIn(alice);
        a.navigate("/tickets/" + id);
        assertThat(a.locator("#presence")).containsText("Nobody else");
        Page b = signIn(bob);
        b.navigate("/tickets/" + id);
        assertThat(a.locator("#presence")).containsText("is viewing");
        b.locator("#reply-text").pressSequentially("Looking into it");
        assertThat(a.locator("#presence")).containsText("is typing a reply");

        a.locator("#reply-text").fill("We refunded the second charge.");
        tickets.addMessage(
                new TicketId(id),
                NewMessage.fromCustomer(
                        opened.get("customerId").asLong(), ChannelKind.EMAIL, "Never mind, my bank reversed it."),
                null,
                Actor.SYSTEM);
        a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send"))
                .click();
        assertThat(a.locator("section.held")).containsText("Never mind, my bank reversed it.");
        assertThat(a.locator("#reply-text")).hasValue("We refunded the second charge.");
        a.locator("#reply-text").fill("Glad your bank reversed it. Nothing more to do on your side.");
        a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("I have read it, send my reply"))
                .click();
        assertThat(a.locator(".flash")).containsText("Reply sent.");
        assertThat(a.locator("#timeline")).containsText("Glad your bank reversed it.");
    }

    @Test
    void draftsSurviveAReload() {
        Account alice = agentWithPassword(Role.AGENT, null);
        long id = api.openTicket(alice.token(), alice.team().value(), "Draft me")
                .get("id")
                .asLong();
        Page a = signIn(alice);
        a.navigate("/tickets/" + id);
        a.locator("#reply-text").pressSequentially("Half-written answer");
        a.waitForTimeout(500);
        a.reload();
        assertThat(a.locator("#reply-text")).hasValue("Half-written answer");
    }

    @Test
    void anotherTeamsTicketIsNotFoundByUrl() {
        Account alice = agentWithPassword(Role.AGENT, null);
        Account carol = accounts.inNewTeam(Role.AGENT);
        long id = api.openTicket(carol.token(), carol.team().value(), "Secret of team C")
                .get("id")
                .asLong();
        Page a = signIn(alice);
        com.microsoft.playwright.Response response = a.navigate("/tickets/" + id);
        assertThat(response.status()).isEqualTo(404);
        assertThat(a.locator("body")).not().containsText("Secret of team C");
        assertThat(a.navigate("/admin/agents").status()).isEqualTo(403);
    }

    @Test
    void hostileCustomerContentRendersInert() {
        Account alice = agentWithPassword(Role.AGENT, null);
        String payloads = "<img src=x onerror=\\\"window.__xss='img'\\\"> <script>window.__xss='script'</script>"
                + " <a href=\\\"javascript:window.__xss='link'\\\">click me</a>"
                + " <svg onload=\\\"window.__xss='svg'\\\"><script>window.__xss='svg-script'</script></svg>"
                + " <div style=\\\"background:url(javascript:window.__xss='css');width:expression(alert(1))\\\">styled</div>"
                + " <iframe src=\\\"javascript:window.top.__xss='frame'\\\"></iframe>";
        String body = """
                {"subject": "<img src=x onerror=\\"window.__xss='subject'\\"> help", "customer": {"email": "%s@example.com",
                 "name": "<script>window.__xss='name'</script>Mallory"}, "channel": "email", "teamId": %d,
                 "message": {"text": "%s", "html": "<p>Hello</p>%s"}}""".formatted(Accounts.unique("mallory"), alice.team().value(), payloads, payloads);
        JsonNode ticket = api.json(api.post(alice.token(), "/api/v1/tickets", body));
        long id = ticket.get("id").asLong();

        Page a = signIn(alice);
        List<String> scriptErrors = new ArrayList<>();
        a.onPageError(scriptErrors::add);
        a.navigate("/inbox?view=all");
        assertThat(a.locator("#t-" + id)).containsText("<img src=x");
        a.navigate("/tickets/" + id);
        assertThat(a.locator(".customer-card")).containsText("<script>window.__xss='name'</script>Mallory");
        a.locator(".html-body summary").first().click();
        com.microsoft.playwright.Frame frame = null;
        a.waitForTimeout(500);
        for (com.microsoft.playwright.Frame f : a.frames()) {
            if (f != a.mainFrame() && f.url().contains("/body")) {
                frame = f;
            }
        }
        assertThat(frame).isNotNull();
        assertThat(frame.locator("body")).containsText("Hello");
        assertThat(a.locator("iframe[sandbox]").first().getAttribute("sandbox")).doesNotContain("allow-scripts");
        if (frame.locator("a").count() > 0) {
            frame.locator("a").first().click(new com.microsoft.playwright.Locator.ClickOptions().setNoWaitAfter(true));
        }
        a.waitForTimeout(300);
        Object flag = a.evaluate("() => window.__xss === undefined ? null : String(window.__xss)");
        assertThat(flag).isNull();
        assertThat(dialogs).isEmpty();
    }

    @Test
    void abuseIsHiddenUntilRevealedAndTheReplyCheckAdvisesWhileTheAgentWrites() throws Exception {
        Account alice = agentWithPassword(Role.AGENT, null);
        long id = api.openTicket(
                        alice.token(),
                        alice.team().value(),
                        "Router dead again",
                        "Third time I write: my router has been dead for a week. You are an incompetent idiot and"
                                + " I want it fixed by Friday or I cancel my contract.")
                .get("id")
                .asLong();
        var message = queries.messages(new TicketId(id), org.rapport.ticket.TicketScope.ALL)
                .getFirst()
                .id();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> analyses.of(List.of(message)).containsKey(message));

        Page a = signIn(alice);
        a.navigate("/tickets/" + id);
        assertThat(a.locator("#timeline")).containsText("my router has been dead for a week");
        assertThat(a.locator("#timeline")).not().containsText("incompetent idiot");
        assertThat(a.locator(".badges").first()).containsText("urgent");
        assertThat(a.locator(".badges").first()).containsText("escalation: cancel");
        assertThat(a.locator(".mood")).containsText("one message so far");
        Files.createDirectories(SCREENSHOTS);
        a.locator("#timeline")
                .screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                        .setPath(SCREENSHOTS.resolve("abuse-shield.png")));
        a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hidden: insult. Show it"))
                .click();
        assertThat(a.locator("#timeline")).containsText("incompetent idiot");

        a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Insert the boundary reply"))
                .click();
        assertThat(a.locator("#reply-text")).not().hasValue("");
        a.locator("#reply-text").fill("");
        a.locator("#reply-text")
                .pressSequentially("As I already said, you should have restarted it. We guarantee it will never"
                        + " happen again.");
        assertThat(a.locator("#reply-check")).containsText("Defensive or blaming wording");
        assertThat(a.locator("#reply-check")).containsText("An absolute guarantee");
        a.locator("#reply-text").fill("");
        a.locator("#reply-text")
                .pressSequentially("I'm sorry, a week without internet is really hard. I've booked a technician"
                        + " and I will call you tomorrow before 11am to confirm the visit.");
        assertThat(a.locator("#reply-check")).containsText("Promises this reply makes");
        a.locator(".reply")
                .screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                        .setPath(SCREENSHOTS.resolve("reply-check.png")));
        a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send"))
                .click();
        assertThat(a.locator(".flash")).containsText("Reply sent.");
        assertThat(a.locator(".promises")).containsText("I will call you tomorrow");
        a.navigate("/commitments");
        assertThat(a.locator("main")).containsText("I will call you tomorrow");
        assertThat(dialogs).isEmpty();
    }

    @Test
    void screenshotsOfTheMainPages() throws Exception {
        Account admin = agentWithPassword(Role.ADMIN, null);
        long teamId = admin.team().value();
        String[][] samples = {
            {"My order arrived broken", "The vase was in pieces when I opened the box."},
            {"Charged twice for one subscription", "My card shows two charges of 19.99 this month."},
            {"Router keeps dropping the connection", "Third time I write: the internet drops every evening."},
            {"How do I change my delivery address?", "I am moving next week and need the parcel elsewhere."},
            {"Refund still not received", "You promised the refund ten days ago. Where is it?"}
        };
        long lastId = 0;
        for (String[] sample : samples) {
            String body = """
                    {"subject": "%s", "customer": {"email": "%s@example.com", "name": "%s"}, "channel": "email", "teamId": %d,
                     "priority": "%s", "message": {"text": "%s"}}""".formatted(
                            sample[0],
                            Accounts.unique("c"),
                            "Jordan " + sample[0].charAt(0) + ".",
                            teamId,
                            sample[0].startsWith("Refund") ? "high" : "normal",
                            sample[1]);
            lastId = api.json(api.post(admin.token(), "/api/v1/tickets", body))
                    .get("id")
                    .asLong();
        }
        Files.createDirectories(SCREENSHOTS);
        Page a = signIn(admin);
        a.navigate("/inbox?view=unassigned");
        assertThat(a.getByText("Refund still not received")).isVisible();
        a.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("inbox.png")));
        a.navigate("/tickets/" + lastId);
        a.locator("#reply-text")
                .fill(
                        "I am sorry about the wait. I have checked: the refund left us on Monday; your bank shows it within 3 business days.");
        a.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("ticket.png")));
        a.locator(".customer-card a").first().click();
        assertThat(a.locator("h1")).isVisible();
        a.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("customer.png")));
        a.navigate("/admin/agents");
        a.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("admin-agents.png")));
        a.navigate("/admin/tokens");
        a.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("admin-tokens.png")));
        assertThat(Files.size(SCREENSHOTS.resolve("inbox.png"))).isGreaterThan(10_000);
    }
}
