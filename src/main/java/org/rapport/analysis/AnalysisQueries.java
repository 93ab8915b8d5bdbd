package org.rapport.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.rapport.shared.MessageId;
import org.springframework.stereotype.Service;

/** The stored analyses of customer messages, and the trend of a conversation. */
@Service
public class AnalysisQueries {

    private final AnalysisStore store;

    AnalysisQueries(AnalysisStore store) {
        this.store = store;
    }

    public Map<MessageId, Analysis> of(Collection<MessageId> messages) {
        return store.find(messages);
    }

    /**
     * How the customer's mood moves over a conversation, from the analyses of their messages in the order
     * written (those without analysis, or not analysed, are left out).
     */
    public static EmotionTrend trend(List<MessageId> inOrder, Map<MessageId, Analysis> analyses) {
        List<EmotionTrend.Point> points = new ArrayList<>();
        for (MessageId id : inOrder) {
            Analysis a = analyses.get(id);
            if (a != null && a.analysed()) {
                points.add(new EmotionTrend.Point(id, a.valence(), a.anger()));
            }
        }
        return EmotionTrend.of(points);
    }
}
