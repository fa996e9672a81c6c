namespace ZhiPingQuan.Domain.Common;

/// <summary>
/// A business rule refused an action. The message is shown to the user as it is, so it is
/// always written in Simplified Chinese and says exactly what is wrong.
/// </summary>
public class DomainException : Exception
{
    public DomainException(string message) : base(message) { }

    /// <param name="message">What is wrong, in Chinese.</param>
    /// <param name="field">The input the refusal is about (a form shows the message beside it), by its name in code.</param>
    public DomainException(string message, string field) : base(message) => Field = field;

    /// <summary>The input the refusal is about, or null when it concerns the action as a whole.</summary>
    public string? Field { get; }
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
