namespace ZhiPingQuan.Domain.Common;

/// <summary>
/// Base of every persisted record. Ids are made by the domain (time-ordered v7 Guids) so a record
/// has its identity before it is saved and ids in URLs cannot be guessed by counting.
/// </summary>
public abstract class Entity
{
    protected Entity() => Id = Guid.CreateVersion7();

    public Guid Id { get; protected set; }

    /// <summary>
    /// Optimistic-concurrency token: the data layer renews it on every save, so two people acting
    /// on the same record at once cannot both win.
    /// </summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}
