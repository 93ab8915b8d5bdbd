package org.rapport.analysis;

import java.util.List;
import org.rapport.shared.MessageId;

/**
 * The customer's mood across a conversation: each analysed message's valence and anger, and the
 * direction from the first to the latest (a change under {@link #STEADY} either way is "steady").
 */
public record EmotionTrend(List<Point> points, String direction) {

    static final double STEADY = 0.15;

    public record Point(MessageId message, double valence, double anger) {}

    static EmotionTrend of(List<Point> points) {
        if (points.size() < 2) {
            return new EmotionTrend(points, points.isEmpty() ? "none" : "single");
        }
        double first = points.getFirst().valence() - points.getFirst().anger();
        double last = points.getLast().valence() - points.getLast().anger();
        String direction = last - first > STEADY ? "improving" : first - last > STEADY ? "worsening" : "steady";
        return new EmotionTrend(points, direction);
    }

    public Point latest() {
        return points.isEmpty() ? null : points.getLast();
    }
}
