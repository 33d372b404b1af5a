using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Prom.CodeModel.Diagnostics;

namespace Prom.CodeModel.Systems;

/// <summary>Decides whether Run is called per entity, per chunk or once per tick, and rejects signatures that mix them.</summary>
internal static class RunShapeRules
{
    /// <summary>The shape; adds a problem when the parameters or the return type do not agree on one.</summary>
    public static SystemShape Decide(
        string system, IMethodSymbol run, IReadOnlyList<SystemParameterModel> parameters, SystemReturn returns, List<Problem> problems)
    {
        string[] perEntity = parameters.Where(p => IsPerEntity(p.Kind)).Select(p => p.Name).ToArray();
        string[] perChunk = parameters.Where(p => IsPerChunk(p.Kind)).Select(p => p.Name).ToArray();
        string[] leases = parameters.Where(p => p.Kind == SystemParameterKind.Lease).Select(p => p.Name).ToArray();
        Location location = run.Locations.FirstOrDefault() ?? Location.None;

        if (perEntity.Length > 0 && perChunk.Length > 0)
        {
            Report("mixes per-entity parameters (" + string.Join(", ", perEntity) + ") with per-chunk parameters ("
                + string.Join(", ", perChunk) + "); write one Run per system, per entity or per chunk");
            return SystemShape.PerEntity;
        }

        SystemShape shape = perEntity.Length > 0 ? SystemShape.PerEntity : perChunk.Length > 0 ? SystemShape.PerChunk : SystemShape.Once;
        if (shape != SystemShape.Once && leases.Length > 0)
        {
            Report("takes a column lease (" + string.Join(", ", leases) + ") together with loop parameters; a system that leases its columns runs once per tick and hands them to jobs");
        }

        if (shape != SystemShape.Once && returns != SystemReturn.Void)
        {
            Report("returns " + returns + " but runs " + (shape == SystemShape.PerEntity ? "per entity" : "per chunk")
                + "; only a system that runs once per tick (no component, column or chunk parameters) may be async");
        }

        if (parameters.Any(p => p.Kind == SystemParameterKind.ComponentCurrent) && shape != SystemShape.PerEntity)
        {
            Report("takes a [Current] parameter, which is supported in per-entity systems only");
        }

        return shape;

        void Report(string reason) => problems.Add(new Problem(DiagnosticDescriptors.InvalidRunShape, location, system, reason));
    }

    private static bool IsPerEntity(SystemParameterKind kind) => kind is SystemParameterKind.ComponentWrite
        or SystemParameterKind.ComponentRead or SystemParameterKind.ComponentCurrent or SystemParameterKind.Entity;

    private static bool IsPerChunk(SystemParameterKind kind) => kind is SystemParameterKind.ColumnWrite
        or SystemParameterKind.ColumnRead or SystemParameterKind.NamedWriteColumns or SystemParameterKind.NamedReadColumns
        or SystemParameterKind.Chunk or SystemParameterKind.ChunkEntities;
}
