namespace Prom.CodeModel.Python;

/// <summary>The token kinds the signature parser needs (everything else is an operator).</summary>
public enum PyTokenKind
{
    /// <summary>An identifier or keyword.</summary>
    Name,
    /// <summary>A numeric literal.</summary>
    Number,
    /// <summary>A string or bytes literal, prefix and quotes included.</summary>
    String,
    /// <summary>An operator or delimiter (<c>(</c>, <c>-&gt;</c>, <c>**</c>, …).</summary>
    Operator,
}
