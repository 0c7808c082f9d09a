namespace OpenDvc.Platform.Refusals;

/// <summary>The HTTP status a refusal code is sent with, on its constant in a capability's <c>…Codes</c> class.</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class RefusedWithAttribute(int status) : Attribute
{
    public int Status { get; } = status;
}
