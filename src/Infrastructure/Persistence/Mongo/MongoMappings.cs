using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Conventions;
using MongoDB.Bson.Serialization.Serializers;

namespace WorkflowDefinitions.Infrastructure.Persistence.Mongo;

/// <summary>
/// Class maps for the stored documents, registered once per process, without attributes: camelCase element
/// names, unknown elements ignored, UTC dates. Documents get a server-generated <c>_id</c>; the resource is found
/// by its (organizationId, id) pair, which a unique index guards.
/// </summary>
public static class MongoMappings
{
    private static readonly Lock Gate = new();
    private static bool _registered;

    public static void Register()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            var conventions = new ConventionPack
            {
                new CamelCaseElementNameConvention(),
                new IgnoreExtraElementsConvention(true),
                new EnumRepresentationConvention(BsonType.String),
            };
            ConventionRegistry.Register(
                "WorkflowDefinitions", conventions, type => type.Namespace == typeof(ClosingReasonDocument).Namespace);

            BsonClassMap.RegisterClassMap<ClosingReasonDocument>(map =>
            {
                map.AutoMap();
                map.SetIdMember(null);
                map.MapMember(d => d.Id).SetElementName("id");
                map.MapMember(d => d.CreationTime).SetSerializer(UtcDateTime);
                map.MapMember(d => d.LastUpdateTime).SetSerializer(UtcDateTime);
            });
            BsonClassMap.RegisterClassMap<FlowTemplateDocument>(map =>
            {
                map.AutoMap();
                map.SetIdMember(null);
                map.MapMember(d => d.Id).SetElementName("id");
                map.MapMember(d => d.CreatedAt).SetSerializer(UtcDateTime);
                map.MapMember(d => d.UpdatedAt).SetSerializer(UtcDateTime);
                map.MapMember(d => d.Document).SetSerializer(new JsonTextSerializer());
                map.MapProperty(d => d.NameGrams).SetElementName("nameGrams");
            });
            BsonClassMap.RegisterClassMap<ClosingReasonCatalogDocument>(map => map.AutoMap());
            BsonClassMap.RegisterClassMap<FlowTriggerDocument>(map => map.AutoMap());
            BsonClassMap.RegisterClassMap<WorkflowQuotaDocument>(map => map.AutoMap());
            BsonClassMap.RegisterClassMap<WorkflowDefinitionDocument>(map =>
            {
                map.AutoMap();
                map.SetIdMember(null);
                map.MapMember(d => d.Id).SetElementName("id");
                map.MapMember(d => d.CreationTime).SetSerializer(UtcDateTime);
                map.MapMember(d => d.LastUpdateTime).SetSerializer(UtcDateTime);
                map.MapMember(d => d.Document).SetSerializer(new JsonTextSerializer());
            });
            BsonClassMap.RegisterClassMap<AutomationFlowDocument>(map =>
            {
                map.AutoMap();
                map.SetIdMember(null);
                map.MapMember(d => d.Id).SetElementName("id");
            });
            BsonClassMap.RegisterClassMap<WorkflowIdDocument>(map =>
            {
                map.AutoMap();
                map.SetIdMember(null);
                map.MapMember(d => d.Id).SetElementName("id");
                map.MapMember(d => d.ReservedUntil).SetSerializer(new NullableSerializer<DateTime>(UtcDateTime));
            });

            BsonClassMap.RegisterClassMap<WorkflowRevisionDocument>(map =>
            {
                map.AutoMap();
                map.SetIdMember(null);
                map.MapMember(d => d.CreatedAt).SetSerializer(UtcDateTime);
                map.MapMember(d => d.Representation).SetSerializer(new JsonTextSerializer());
            });
            BsonClassMap.RegisterClassMap<FlowChangeDocument>(map =>
            {
                map.AutoMap();
                map.SetIdMember(null);
                map.MapMember(d => d.At).SetSerializer(UtcDateTime);
            });
            BsonClassMap.RegisterClassMap<FlowChangeSequenceDocument>(map => map.AutoMap());
            RegisterSized<FlowTemplateDocument>();
            RegisterSized<WorkflowDefinitionDocument>();
            RegisterSized<WorkflowRevisionDocument>();

            _registered = true;
        }
    }

    private static void RegisterSized<TDocument>()
        where TDocument : class =>
        BsonClassMap.RegisterClassMap<SizedDocument<TDocument>>(map =>
        {
            map.MapProperty(d => d.Size).SetElementName("size");
            map.MapProperty(d => d.Document).SetElementName("document");
        });

    private static DateTimeSerializer UtcDateTime => new(DateTimeKind.Utc, BsonType.DateTime);
}
