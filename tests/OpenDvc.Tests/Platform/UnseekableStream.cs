namespace OpenDvc.Tests.Platform;

/// <summary>A body of unknown length, so HttpClient sends it chunked, without Content-Length.</summary>
public sealed class UnseekableStream(byte[] content) : MemoryStream(content)
{
    public override bool CanSeek => false;
}
