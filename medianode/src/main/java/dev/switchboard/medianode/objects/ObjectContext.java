package dev.switchboard.medianode.objects;

import dev.switchboard.medianode.kmd.KmdModel;
import dev.switchboard.medianode.media.NodeMedia;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * What every media object may use: the clock, the descriptors, the event sink, the object
 * registry, the node's media resources and the control executor (for work that must run after
 * the current request, such as trickled candidates). Immutable holder.
 */
public record ObjectContext(
    Clock clock,
    KmdModel kmd,
    EventSink events,
    ObjectRegistry registry,
    NodeMedia media,
    ScheduledExecutorService control,
    Supplier<List<String>> sessionIds,
    String metadata) {}
