namespace ZhiPingQuan.Domain.Common;

/// <summary>
/// A business rule refused an action. The message is shown to the user as it is, so it is
/// always written in Simplified Chinese and says exactly what is wrong.
/// </summary>
public class DomainException : Exception
{
    public DomainException(string message) : base(message) { }
}

/// <summary>A state machine was asked for a transition its current state does not allow.</summary>
public sealed class InvalidTransitionException : DomainException
{
    public InvalidTransitionException(string record, string from, string action)
        : base($"{record}当前状态为“{from}”，不能执行“{action}”。")
    {
        From = from;
        Action = action;
    }

    public string From { get; }
    public string Action { get; }
}
