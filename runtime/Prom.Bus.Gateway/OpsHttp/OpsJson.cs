using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Prom.Bus.Gateway.OpsHttp;

/// <summary>JSON of the ops endpoints: snake_case like the WebSocket protocol; errors are <c>{"code","msg"}</c>.</summary>
internal static class OpsJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
    };

    public static IResult Ok(object value, int status = StatusCodes.Status200OK) => Results.Json(value, Options, statusCode: status);

    public static IResult Error(int status, string code, string message) =>
        Results.Json(new { code, msg = message }, Options, statusCode: status);

    /// <summary>The HTTP status of a bus error.</summary>
    public static int StatusOf(BusErrorCode code) => code switch
    {
        BusErrorCode.UnknownTopic or BusErrorCode.UnknownGroup => StatusCodes.Status404NotFound,
        BusErrorCode.TopicConflict or BusErrorCode.IdConflict => StatusCodes.Status409Conflict,
        BusErrorCode.StoreBusy => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };
}
