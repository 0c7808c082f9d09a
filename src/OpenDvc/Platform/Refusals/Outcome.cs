using System.Diagnostics.CodeAnalysis;

namespace OpenDvc.Platform.Refusals;

/// <summary>
/// What an operation gives: its value when done, or the <see cref="Refusal"/> saying why not. An operation with nothing
/// to give answers <c>Refusal?</c> (null when done). Either side converts implicitly, so an operation returns a value or
/// a refusal as it is; callers deconstruct it: <c>var (nomination, refusal) = await …</c>.
/// </summary>
public readonly struct Outcome<T>
{
    private Outcome(T? value, Refusal? refusal) => (Value, Refusal) = (value, refusal);

    public T? Value { get; }

    public Refusal? Refusal { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool Done => Refusal is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Refusal refusal) => new(default, refusal);

    public void Deconstruct(out T? value, out Refusal? refusal) => (value, refusal) = (Value, Refusal);
}
