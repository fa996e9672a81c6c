namespace ZhiPingQuan.Domain.Common;

/// <summary>
/// Base of every persisted record. Ids are made by the domain (time-ordered v7 Guids) so a record
/// has its identity before it is saved and ids in URLs cannot be guessed by counting.
/// </summary>
public abstract class Entity
{
    // Not a property, so the data layer never maps it: events live only until the save that dispatches them.
    private List<IDomainEvent>? _events;

    protected Entity() => Id = Guid.CreateVersion7();

    public Guid Id { get; protected set; }

    /// <summary>
    /// Optimistic-concurrency token: the data layer renews it on every save, so two people acting
    /// on the same record at once cannot both win.
    /// </summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>What happened to this record since it was loaded, in order; dispatched (and cleared) by the next save.</summary>
    public IReadOnlyList<IDomainEvent> PendingEvents() => _events is null ? [] : _events;

    /// <summary>Hands the pending events over (to the dispatcher) and forgets them.</summary>
    public IReadOnlyList<IDomainEvent> TakeEvents()
    {
        var taken = PendingEvents();
        _events = null;
        return taken;
    }

    /// <summary>Records that a transition happened. Its audit line, notices and effects on other records follow from it.</summary>
    protected void Raise(IDomainEvent domainEvent)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        (_events ??= []).Add(domainEvent);
    }
}
