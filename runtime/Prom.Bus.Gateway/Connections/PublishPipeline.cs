using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Prom.Bus.Gateway.Policy;
using Prom.Bus.Gateway.Protocol;
using Prom.Bus.Gateway.Security;

namespace Prom.Bus.Gateway.Connections;

/// <summary>
/// The PUBLISHes of one connection, stored in the order they arrived. What has queued up while the previous batch was
/// being made durable goes to the bus as one batch (one transaction, one fsync); if the batch is refused, its records
/// are retried one by one so each gets its own OK or ERR. Every OK is sent only after its record is durable.
/// </summary>
internal sealed class PublishPipeline
{
    private const int MaxBatch = 256;

    private readonly GatewayServices _services;
    private readonly GatewayPrincipal _principal;
    private readonly Action<byte[]> _reply;
    private readonly string _connectionId;
    private readonly Channel<(byte[]? Corr, PublishRequest Request)> _pending =
        Channel.CreateUnbounded<(byte[]?, PublishRequest)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Task _loop;

    public PublishPipeline(GatewayServices services, GatewayPrincipal principal, Action<byte[]> reply, string connectionId)
    {
        _services = services;
        _principal = principal;
        _reply = reply;
        _connectionId = connectionId;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues a publish; its reply slot is already taken by the caller.</summary>
    public void Enqueue(byte[]? corr, PublishRequest request)
    {
        if (!_pending.Writer.TryWrite((corr, request)))
        {
            _reply(ServerFrames.Err(corr, GatewayErrorCodes.ShuttingDown, "The connection is closing; the publish was not stored."));
        }
    }

    /// <summary>Stores what is queued, then ends.</summary>
    public Task CompleteAsync()
    {
        _pending.Writer.TryComplete();
        return _loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<(byte[]? Corr, PublishRequest Request)>(MaxBatch);
        while (await _pending.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out (byte[]? Corr, PublishRequest Request) item))
            {
                if (await CheckPolicyAsync(item.Corr, item.Request).ConfigureAwait(false))
                {
                    batch.Add(item);
                }
            }

            if (batch.Count > 0)
            {
                await PublishAsync(batch).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask<bool> CheckPolicyAsync(byte[]? corr, PublishRequest request)
    {
        try
        {
            PayloadRejection? rejection = await _services.Policy.CheckPublishAsync(request, _principal, CancellationToken.None).ConfigureAwait(false);
            if (rejection is null)
            {
                return true;
            }

            _reply(ServerFrames.Err(corr, GatewayErrorCodes.PayloadRejected, rejection.Message, rejection.Field));
        }
        catch (Exception ex)
        {
            _services.Logger.LogError(ex, "Connection {Connection}: the payload policy failed on a publish to {Topic}", _connectionId, request.Topic);
            _reply(ServerFrames.Err(corr, GatewayErrorCodes.Internal, $"The payload policy failed: {ex.Message}"));
        }

        return false;
    }

    private async Task PublishAsync(List<(byte[]? Corr, PublishRequest Request)> batch)
    {
        if (batch.Count > 1)
        {
            var requests = new PublishRequest[batch.Count];
            for (int i = 0; i < requests.Length; i++)
            {
                requests[i] = batch[i].Request;
            }

            try
            {
                IReadOnlyList<EventRecord> stored = await _services.Bus.PublishBatchAsync(requests).ConfigureAwait(false);
                for (int i = 0; i < stored.Count; i++)
                {
                    _reply(ServerFrames.Ok(batch[i].Corr, stored[i], ServerFrames.WritePublished));
                }

                return;
            }
            catch (Exception)
            {
                // One bad record (or a store failure) refuses the whole batch and nothing was stored: retry each alone,
                // so every publish gets its own answer.
            }
        }

        foreach ((byte[]? corr, PublishRequest request) in batch)
        {
            _reply(await PublishOneAsync(corr, request).ConfigureAwait(false));
        }
    }

    private async Task<byte[]> PublishOneAsync(byte[]? corr, PublishRequest request)
    {
        try
        {
            EventRecord stored = await _services.Bus.PublishAsync(request).ConfigureAwait(false);
            return ServerFrames.Ok(corr, stored, ServerFrames.WritePublished);
        }
        catch (BusException ex)
        {
            return ServerFrames.Err(corr, GatewayErrorCodes.FromBus(ex.Code), ex.Message, BusErrorField(ex.Code));
        }
        catch (Exception ex)
        {
            _services.Logger.LogError(ex, "Connection {Connection}: publish to {Topic} failed", _connectionId, request.Topic);
            return ServerFrames.Err(corr, GatewayErrorCodes.Internal, "The store failed to make the record durable; it may be retried with the same id.");
        }
    }

    /// <summary>The PUBLISH field a bus error is about.</summary>
    private static string? BusErrorField(BusErrorCode code) => code switch
    {
        BusErrorCode.InvalidTopic or BusErrorCode.UnknownTopic or BusErrorCode.TopicConflict => "topic",
        BusErrorCode.InvalidHeader => "headers",
        BusErrorCode.InvalidPayload or BusErrorCode.PayloadTooLarge => "payload",
        BusErrorCode.InvalidPartition => "partition",
        BusErrorCode.InvalidId or BusErrorCode.IdConflict => "id",
        _ => null,
    };
}
