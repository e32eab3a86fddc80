using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Serializers;

namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

/// <summary>Keeps a <see cref="JsonText"/> as a BSON string, as the document has always been stored in MongoDB.</summary>
public sealed class JsonTextSerializer : SerializerBase<JsonText>
{
    public override JsonText Deserialize(BsonDeserializationContext context, BsonDeserializationArgs args) =>
        JsonText.FromString(context.Reader.ReadString());

    public override void Serialize(BsonSerializationContext context, BsonSerializationArgs args, JsonText value) =>
        context.Writer.WriteString(value.ToString());
}
