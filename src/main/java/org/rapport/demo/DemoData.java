package org.rapport.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.rapport.agent.AgentDetails;
import org.rapport.agent.AgentQueries;
import org.rapport.agent.AgentService;
import org.rapport.agent.Presence;
import org.rapport.agent.Role;
import org.rapport.customer.CustomerDetails;
import org.rapport.customer.CustomerService;
import org.rapport.customer.Identity;
import org.rapport.customer.IdentityKind;
import org.rapport.shared.Actor;
import org.rapport.shared.AgentId;
import org.rapport.shared.ChannelKind;
import org.rapport.shared.CustomerId;
import org.rapport.shared.TeamId;
import org.rapport.ticket.NewMessage;
import org.rapport.ticket.OpenTicket;
import org.rapport.ticket.Priority;
import org.rapport.ticket.TicketFilter;
import org.rapport.ticket.TicketQueries;
import org.rapport.ticket.TicketScope;
import org.rapport.ticket.TicketService;
import org.rapport.ticket.TicketSort;
import org.rapport.ticket.TicketStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A working help desk to look at: teams, agents, a few hundred customers and tickets on every channel,
 * in every status, with replies and notes. Deterministic for a given seed.
 */
@Component
@Order(10)
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final Actor DEMO = new Actor(Actor.Kind.SYSTEM, null, "demo data");

    private final DemoProperties properties;
    private final AgentService agents;
    private final AgentQueries agentQueries;
    private final CustomerService customers;
    private final TicketService tickets;
    private final TicketQueries ticketQueries;

    DemoData(
            DemoProperties properties,
            AgentService agents,
            AgentQueries agentQueries,
            CustomerService customers,
            TicketService tickets,
            TicketQueries ticketQueries) {
        this.properties = properties;
        this.agents = agents;
        this.agentQueries = agentQueries;
        this.customers = customers;
        this.tickets = tickets;
        this.ticketQueries = ticketQueries;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.enabled()) {
            return;
        }
        if (!ticketQueries
                .list(TicketFilter.none(), TicketScope.ALL, TicketSort.CREATED_DESC, null, 1)
                .tickets()
                .isEmpty()) {
            log.info("Demo data not loaded: this help desk already has tickets");
            return;
        }
        long started = System.nanoTime();
        Random random = new Random(properties.seed());
        List<TeamId> teams = new ArrayList<>();
        List<List<AgentId>> members = new ArrayList<>();
        for (String team : DemoTexts.TEAMS) {
            TeamId id = agentQueries.teamByName(team).map(t -> t.id()).orElseGet(() -> agents.createTeam(team));
            teams.add(id);
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < DemoTexts.AGENTS.length; i++) {
            String[] agent = DemoTexts.AGENTS[i];
            int team = i % teams.size();
            if (agentQueries.findByEmail(agent[1]).isPresent()) {
                continue;
            }
            AgentId id = agents.create(new AgentDetails(
                    agent[1],
                    agent[0],
                    i == 0 ? Role.SUPERVISOR : Role.AGENT,
                    Set.of(teams.get(team)),
                    List.of(DemoTexts.SKILLS[i % DemoTexts.SKILLS.length]),
                    8 + i % 5,
                    null));
            agents.setPresence(id, Presence.values()[i % Presence.values().length]);
            members.get(team).add(id);
        }
        List<CustomerId> people = new ArrayList<>();
        for (int i = 0; i < properties.customers(); i++) {
            String first = DemoTexts.FIRST_NAMES[random.nextInt(DemoTexts.FIRST_NAMES.length)];
            String last = DemoTexts.LAST_NAMES[random.nextInt(DemoTexts.LAST_NAMES.length)];
            String email = (first + "." + last + "." + i + "@"
                            + DemoTexts.DOMAINS[random.nextInt(DemoTexts.DOMAINS.length)])
                    .toLowerCase();
            List<Identity> identities = new ArrayList<>(List.of(Identity.email(email)));
            if (random.nextInt(3) == 0) {
                identities.add(IdentityKind.PHONE.identity("+4930" + (1_000_000 + i)));
            }
            String organization = random.nextInt(4) == 0
                    ? DemoTexts.ORGANIZATIONS[random.nextInt(DemoTexts.ORGANIZATIONS.length)]
                    : null;
            people.add(customers.create(
                    new CustomerDetails(
                            first + " " + last,
                            organization,
                            random.nextInt(5) == 0 ? "de" : "en",
                            "Europe/Berlin",
                            null,
                            null),
                    identities,
                    DEMO));
        }
        ChannelKind[] channels = {
            ChannelKind.EMAIL,
            ChannelKind.EMAIL,
            ChannelKind.EMAIL,
            ChannelKind.WEB_FORM,
            ChannelKind.CHAT,
            ChannelKind.PHONE,
            ChannelKind.API,
            ChannelKind.SOCIAL
        };
        for (int i = 0; i < properties.tickets(); i++) {
            String[] story = DemoTexts.STORIES[random.nextInt(DemoTexts.STORIES.length)];
            CustomerId customer = people.get(random.nextInt(people.size()));
            int team = random.nextInt(teams.size());
            List<AgentId> teamAgents = members.get(team);
            AgentId assignee = teamAgents.isEmpty() || random.nextInt(4) == 0
                    ? null
                    : teamAgents.get(random.nextInt(teamAgents.size()));
            Priority priority =
                    Priority.values()[Math.min(3, random.nextInt(6) / 2 + (random.nextInt(8) == 0 ? 1 : 0))];
            ChannelKind channel = channels[random.nextInt(channels.length)];
            var opened = tickets.open(
                    new OpenTicket(
                            story[0],
                            customer,
                            channel,
                            priority,
                            teams.get(team),
                            assignee,
                            List.of(story[3]),
                            null,
                            NewMessage.fromCustomer(customer.value(), channel, story[1])),
                    DEMO);
            int stage = random.nextInt(10);
            if (assignee != null && stage >= 3) {
                tickets.addMessage(
                        opened.ticket().id(),
                        NewMessage.replyFromAgent(assignee.value(), story[2]),
                        stage >= 8 ? TicketStatus.SOLVED : stage >= 6 ? TicketStatus.PENDING : null,
                        DEMO);
                if (stage == 9) {
                    tickets.addMessage(
                            opened.ticket().id(),
                            NewMessage.fromCustomer(
                                    customer.value(),
                                    channel,
                                    DemoTexts.FOLLOW_UPS[random.nextInt(DemoTexts.FOLLOW_UPS.length)]),
                            null,
                            DEMO);
                }
                if (stage == 4) {
                    tickets.addMessage(
                            opened.ticket().id(),
                            NewMessage.noteFromAgent(
                                    assignee.value(), "Checked the order history; escalating to the warehouse lead."),
                            TicketStatus.ON_HOLD,
                            DEMO);
                }
            }
        }
        log.info(
                "Loaded demo data: {} customers, {} tickets in {} ms",
                properties.customers(),
                properties.tickets(),
                (System.nanoTime() - started) / 1_000_000);
    }
}
