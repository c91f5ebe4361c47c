import HummingbirdTesting
import Testing

@Suite("Plan API")
struct PlanAPITests {
    @Test("A plan for the calf comes with its compiled timeline")
    func planWithTimeline() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.post("/api/v1/plan", json: #"{"regions": ["calf"], "side": "right"}"#)
            #expect(response.status == .ok)
            let body = try response.json()
            let plan = try #require(body["plan"])
            let timeline = try #require(body["timeline"])
            #expect(plan["chosen"]?.array.isEmpty == false)
            #expect(plan["totalSeconds"] == timeline["totalSeconds"])
            let holds = timeline.array(at: "steps").filter { $0["kind"]?.string == "hold" }
            #expect(!holds.isEmpty && holds.allSatisfy { $0["side"]?.string == "right" })
            try await client.expectDocumented(response, "post", "/api/v1/plan")
        }
    }

    @Test("A one-minute plan either fits in 60 seconds or is refused naming minutes")
    func oneMinuteBudget() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.post("/api/v1/plan", json: #"{"regions": ["calf"], "minutes": 1}"#)
            switch response.status {
            case .ok:
                let body = try response.json()
                let planSeconds = try #require(body["plan"]?["totalSeconds"]?.int)
                #expect(planSeconds <= 60)
                #expect((body["timeline"]?["totalSeconds"]?.int ?? .max) <= 60)
            case .unprocessableContent:  // the budget is well-formed; nothing fits in it
                #expect(response.problemField == "minutes")
            default:
                Issue.record("unexpected \(response.status): \(response.text)")
            }
            try await client.expectDocumented(response, "post", "/api/v1/plan")
        }
    }

    @Test("A budget outside 1 to 180 minutes is refused naming minutes")
    func budgetOutOfRange() async throws {
        try await TestApp.run { client, _ in
            for minutes in [0, 181] {
                let response = try await client.post(
                    "/api/v1/plan", json: #"{"regions": ["calf"], "minutes": \#(minutes)}"#)
                #expect(response.status == .badRequest)
                #expect(response.problemField == "minutes")
            }
        }
    }

    @Test("A field the plan request does not know is refused naming it")
    func unknownField() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.post("/api/v1/plan", json: #"{"regions": ["calf"], "mintues": 5}"#)
            #expect(response.status == .badRequest)
            #expect(response.problemField == "mintues")
            try await client.expectDocumented(response, "post", "/api/v1/plan")
        }
    }

    @Test("An unsupported region is refused naming the field as sent: regions in a JSON body, region in a query")
    func unsupportedRegion() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.post("/api/v1/plan", json: #"{"regions": ["elbow"]}"#)
            #expect(response.status == .badRequest)
            #expect(response.problemField == "regions")
            #expect(try response.json()["detail"]?.string?.hasPrefix("regions: \"elbow\"") == true, "\(response.text)")
            let queried = try await client.get("/api/v1/timeline?region=elbow")
            #expect(queried.problemField == "region")
            #expect(try queried.json()["detail"]?.string?.hasPrefix("region: \"elbow\"") == true, "\(queried.text)")
            let minutes = try await client.post("/api/v1/plan", json: #"{"regions": ["calf"], "minutes": 0}"#)
            #expect(minutes.problemField == "minutes")
            #expect(try minutes.json()["detail"]?.string?.contains("from 1 to 180") == true, "\(minutes.text)")
        }
    }
}
