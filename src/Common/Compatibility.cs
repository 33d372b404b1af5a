#if BUILDING_CODE_MODEL
namespace Prom.CodeModel.Topics;
#else
namespace Prom;
#endif

/// <summary>
/// How a new version of a <c>[Topic]</c> must relate to earlier versions, with the meanings
/// of Confluent Schema Registry: <em>backward</em> = consumers of the new version read data of the previous one,
/// <em>forward</em> = consumers of the previous version read data of the new one, <em>full</em> = both; the
/// <c>Transitive</c> forms check against every earlier version instead of only the previous one.
/// One file (src/Common) compiled into Prom.Abstractions as the public <c>Prom.Compatibility</c> of the attribute and
/// into the code model as <c>Prom.CodeModel.Topics.Compatibility</c>, which reads the attribute's constant by value.
/// </summary>
public enum Compatibility
{
    /// <summary>No check between versions.</summary>
    None = 0,

    /// <summary>The new version reads data written with the previous version (the default).</summary>
    Backward = 1,

    /// <summary>The previous version reads data written with the new version.</summary>
    Forward = 2,

    /// <summary>Both <see cref="Backward"/> and <see cref="Forward"/>.</summary>
    Full = 3,

    /// <summary><see cref="Backward"/> against every earlier version.</summary>
    BackwardTransitive = 4,

    /// <summary><see cref="Forward"/> against every earlier version.</summary>
    ForwardTransitive = 5,

    /// <summary><see cref="Full"/> against every earlier version.</summary>
    FullTransitive = 6,
}
