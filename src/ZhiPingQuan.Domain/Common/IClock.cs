namespace ZhiPingQuan.Domain.Common;

/// <summary>The current time, as a port so tests can move it (deadlines are the reason).</summary>
public interface IClock
{
    /// <summary>Now, in UTC.</summary>
    DateTime UtcNow { get; }
}

public sealed class SystemClock : IClock
{
    public DateTime UtcNow => DateTime.UtcNow;
}
