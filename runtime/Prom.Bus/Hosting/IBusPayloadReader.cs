namespace Prom.Bus.Hosting;

/// <summary>
/// Reads a record's payload for hosted consumers of <typeparamref name="T"/>. When one is registered in DI (the
/// [Topic] runtime registers its generated, reflection-free codec), hosted consumers use it instead of
/// System.Text.Json; an exception from it nacks the record with the exception's message.
/// </summary>
/// <typeparam name="T">The payload type.</typeparam>
public interface IBusPayloadReader<out T>
{
    /// <summary>The payload of <paramref name="record"/>; throws when it cannot be read.</summary>
    T Read(EventRecord record);
}
