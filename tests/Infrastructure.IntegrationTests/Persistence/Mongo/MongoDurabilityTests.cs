using MongoDB.Driver;
using WorkflowDefinitions.Infrastructure.Persistence;
using WorkflowDefinitions.Infrastructure.Persistence.Mongo;

namespace WorkflowDefinitions.Infrastructure.IntegrationTests.Persistence.Mongo;

/// <summary>The client's settings and the connection strings refused at start-up, without a server.</summary>
public class MongoDurabilityTests
{
    [Test]
    public void TheClient_WritesToAMajority_ReadsMajorityCommittedData_FromThePrimary_AndNamesItself()
    {
        var settings = MongoDurability.ClientSettings(
            new MongoStorageOptions { ConnectionString = "mongodb://db-0,db-1/?replicaSet=rs0", ServerSelectionTimeoutSeconds = 3, ConnectTimeoutSeconds = 4 }, null);

        Assert.Multiple(() =>
        {
            Assert.That(settings.WriteConcern, Is.EqualTo(WriteConcern.WMajority));
            Assert.That(settings.ReadConcern, Is.EqualTo(ReadConcern.Majority));
            Assert.That(settings.ReadPreference, Is.EqualTo(ReadPreference.Primary));
            Assert.That(settings.ApplicationName, Is.EqualTo("workflow-definitions"));
            Assert.That(settings.ServerSelectionTimeout, Is.EqualTo(TimeSpan.FromSeconds(3)));
            Assert.That(settings.ConnectTimeout, Is.EqualTo(TimeSpan.FromSeconds(4)));
            Assert.That(settings.ReplicaSetName, Is.EqualTo("rs0"));
        });
    }

    [Test]
    public void AnAppNameInTheConnectionString_IsKept() =>
        Assert.That(
            MongoDurability.ClientSettings(new MongoStorageOptions { ConnectionString = "mongodb://db/?appName=wd-eu-1&w=majority" }, null).ApplicationName,
            Is.EqualTo("wd-eu-1"));

    [TestCase("mongodb://db/?replicaSet=rs0")]
    [TestCase("mongodb://db/?w=majority&journal=true&readPreference=primary&readConcernLevel=majority")]
    [TestCase("mongodb+srv://user:secret@cluster0.example.net/?retryWrites=true")]
    public void ConnectionStrings_ThatLeaveDurabilityToTheService_AreAccepted(string connectionString) =>
        Assert.That(MongoDurability.Contradiction(connectionString), Is.Null);

    [TestCase("mongodb://db/?w=1", "sets w=1,")]
    [TestCase("mongodb://db/?w=0", "sets w=0,")]
    [TestCase("mongodb://db/?journal=false", "sets journal=false,")]
    [TestCase("mongodb://db/?readPreference=secondary", "sets readPreference=secondary,")]
    [TestCase("mongodb://db/?readPreference=nearest", "sets readPreference=nearest,")]
    [TestCase("mongodb://db/?readConcernLevel=local", "sets readConcernLevel=local,")]
    [TestCase("mongodb://db/?w=1&readPreference=secondaryPreferred", "sets w=1, readPreference=secondaryPreferred,")]
    public void ConnectionStrings_ThatAskForLess_AreRefusedInOneLine(string connectionString, string named)
    {
        var contradiction = MongoDurability.Contradiction(connectionString);

        Assert.Multiple(() =>
        {
            Assert.That(contradiction, Does.StartWith("Storage__Mongo__ConnectionString " + named));
            Assert.That(contradiction, Does.Not.Contain("\n"));
        });
    }

    [Test]
    public void AConnectionStringThatIsNotOne_IsRefused() =>
        Assert.That(MongoDurability.Contradiction("postgres://db"), Does.StartWith("Storage__Mongo__ConnectionString is not a MongoDB connection string"));

    [Test]
    public void TheValidator_RefusesContradictionsAndTimeoutsBelowOne()
    {
        var validator = new StorageOptionsValidator();
        StorageOptions Mongo(MongoStorageOptions mongo) => new() { Provider = StorageProvider.Mongo, Mongo = mongo };

        Assert.Multiple(() =>
        {
            Assert.That(validator.Validate(null, Mongo(new MongoStorageOptions { ConnectionString = "mongodb://db/?w=1" })).FailureMessage, Does.Contain("sets w=1"));
            Assert.That(validator.Validate(null, Mongo(new MongoStorageOptions { ConnectionString = "mongodb://db", PingTimeoutSeconds = 0 })).Failed, Is.True);
            Assert.That(validator.Validate(null, Mongo(new MongoStorageOptions { ConnectionString = "mongodb://db" })).Succeeded, Is.True);
        });
    }

    [Test]
    public void NoPrimaryAtStartUp_IsOneLineThatSaysWhatToCheck()
    {
        var failure = MongoIndexInitializer.NoPrimary(TimeSpan.FromSeconds(5), new TimeoutException("A timeout occurred after 5000ms selecting a server.\nClient view of cluster state is ..."));

        Assert.That(failure.Message, Does.StartWith("MongoDB: no primary answered within 5 s").And.Contain("rs.initiate()").And.Not.Contain("\n"));
    }
}
