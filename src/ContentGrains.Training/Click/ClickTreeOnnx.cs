using ContentGrains.Core.Click;
using Onnx;

namespace ContentGrains.Training.Click;

/// <summary>
/// A <see cref="ClickTreeEnsemble"/> as one ONNX <c>ai.onnx.ml</c> TreeEnsembleRegressor node (SUM of the trees plus the
/// base, one target, no post-transform). Within a tree, internal node n keeps id n and leaf k gets id (internal nodes + k);
/// each internal node is BRANCH_LEQ (feature ≤ threshold goes to the true branch, as in <see cref="ClickTree.Evaluate"/>).
/// A tree with no split is one LEAF node.
/// </summary>
internal static class ClickTreeOnnx
{
    public const string Domain = "ai.onnx.ml";
    public const int DomainVersion = 3;

    public static NodeProto Regressor(ClickTreeEnsemble ensemble, string input, string output)
    {
        var node = ClickOnnxExport.Node("TreeEnsembleRegressor", [input], output);
        node.Domain = Domain;
        var (treeIds, nodeIds, features, values, modes, trueIds, falseIds) = (new List<long>(), new List<long>(), new List<long>(), new List<float>(), new List<string>(), new List<long>(), new List<long>());
        var (targetTrees, targetNodes, targetWeights) = (new List<long>(), new List<long>(), new List<float>());
        for (var t = 0; t < ensemble.Trees.Count; t++)
        {
            var tree = ensemble.Trees[t];
            var internals = tree.InternalNodes;
            long Id(int child) => child >= 0 ? child : internals + ~child;
            for (var n = 0; n < internals; n++)
            {
                treeIds.Add(t); nodeIds.Add(n); features.Add(tree.Feature[n]); values.Add(tree.Threshold[n]); modes.Add("BRANCH_LEQ");
                trueIds.Add(Id(tree.Left[n])); falseIds.Add(Id(tree.Right[n]));
            }
            for (var leaf = 0; leaf < tree.LeafValues.Length; leaf++)
            {
                treeIds.Add(t); nodeIds.Add(internals + leaf); features.Add(0); values.Add(0); modes.Add("LEAF"); trueIds.Add(0); falseIds.Add(0);
                targetTrees.Add(t); targetNodes.Add(internals + leaf); targetWeights.Add((float)tree.LeafValues[leaf]);
            }
        }
        node.Attribute.Add(Ints("nodes_treeids", treeIds));
        node.Attribute.Add(Ints("nodes_nodeids", nodeIds));
        node.Attribute.Add(Ints("nodes_featureids", features));
        node.Attribute.Add(Floats("nodes_values", values));
        node.Attribute.Add(Strings("nodes_modes", modes));
        node.Attribute.Add(Ints("nodes_truenodeids", trueIds));
        node.Attribute.Add(Ints("nodes_falsenodeids", falseIds));
        node.Attribute.Add(Ints("target_treeids", targetTrees));
        node.Attribute.Add(Ints("target_nodeids", targetNodes));
        node.Attribute.Add(Ints("target_ids", targetTrees.Select(_ => 0L)));
        node.Attribute.Add(Floats("target_weights", targetWeights));
        node.Attribute.Add(Floats("base_values", [(float)ensemble.Base]));
        node.Attribute.Add(new AttributeProto { Name = "n_targets", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        node.Attribute.Add(new AttributeProto { Name = "aggregate_function", Type = AttributeProto.Types.AttributeType.String, S = Google.Protobuf.ByteString.CopyFromUtf8("SUM") });
        node.Attribute.Add(new AttributeProto { Name = "post_transform", Type = AttributeProto.Types.AttributeType.String, S = Google.Protobuf.ByteString.CopyFromUtf8("NONE") });
        return node;
    }

    private static AttributeProto Ints(string name, IEnumerable<long> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private static AttributeProto Floats(string name, IEnumerable<float> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Floats };
        attribute.Floats.AddRange(values);
        return attribute;
    }

    private static AttributeProto Strings(string name, IEnumerable<string> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings };
        attribute.Strings.AddRange(values.Select(Google.Protobuf.ByteString.CopyFromUtf8));
        return attribute;
    }
}
