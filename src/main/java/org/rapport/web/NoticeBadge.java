package org.rapport.web;

import org.rapport.access.Caller;
import org.rapport.ticket.TicketNotices;
import org.springframework.stereotype.Component;

/** The unread-notice count in the top bar, asked for only when a whole page is drawn. */
@Component("noticeBadge")
class NoticeBadge {

    private final TicketNotices notices;

    NoticeBadge(TicketNotices notices) {
        this.notices = notices;
    }

    public long unread(Caller me) {
        return me == null || me.agent() == null ? 0 : notices.unreadCount(me.agent());
    }
}
