namespace Prom.SourceGenerators.Common;

/// <summary>
/// What a generator's transform step produced for one declaration: a model to emit, nothing (invalid input the
/// analyzer explains), or an internal error to report instead of crashing the compiler. Value-equatable.
/// </summary>
/// <typeparam name="TModel">The model type.</typeparam>
/// <param name="Model">The model, or null.</param>
/// <param name="TypeName">The declaration's name, for error messages.</param>
/// <param name="InternalError">An unexpected exception's description, or null.</param>
public sealed record GeneratorResult<TModel>(TModel? Model, string TypeName, string? InternalError)
    where TModel : class;
