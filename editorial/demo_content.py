"""Original demo content for `manage.py load_demo`: written for this project."""

SECTIONS = [
    {
        "name": "Diplomacy",
        "slug": "diplomacy",
        "description": (
            "Negotiations, alliances and the institutions that states use to "
            "manage their disputes."
        ),
    },
    {
        "name": "Technology & Security",
        "slug": "technology-security",
        "description": (
            "How governments compete over, regulate and defend the "
            "technologies that underpin military and economic power."
        ),
    },
    {
        "name": "Economy",
        "slug": "economy",
        "description": (
            "Trade, commodities, sanctions and the financial currents that "
            "shape foreign policy."
        ),
    },
    {
        "name": "Climate & Energy",
        "slug": "climate-energy",
        "description": (
            "Energy security, shared natural resources and the geopolitics of "
            "a warming planet."
        ),
    },
]

AUTHORS = [
    {
        "name": "Nadia Kesselring",
        "slug": "nadia-kesselring",
        "bio": (
            "Technology and security correspondent covering artificial "
            "intelligence governance, export controls and cyber policy. She "
            "previously reported on European digital regulation for six "
            "years."
        ),
    },
    {
        "name": "Tobias Ferrand",
        "slug": "tobias-ferrand",
        "bio": (
            "Diplomatic editor focused on mediation, the United Nations "
            "system and the mechanics of multilateral negotiation."
        ),
    },
    {
        "name": "Amara Lindqvist",
        "slug": "amara-lindqvist",
        "bio": (
            "Economics correspondent writing about trade policy, commodity "
            "markets and the use of economic tools for strategic ends."
        ),
    },
    {
        "name": "Kofi Brannigan",
        "slug": "kofi-brannigan",
        "bio": (
            "Security correspondent covering maritime affairs, critical "
            "infrastructure and defence procurement, with a particular "
            "interest in northern Europe."
        ),
    },
    {
        "name": "Iris Valdane",
        "slug": "iris-valdane",
        "bio": (
            "Climate and energy editor reporting on power markets, water "
            "disputes and the diplomacy of the energy transition."
        ),
    },
]

ARTICLES = [
    {
        "slug": "digital-ceasefire-ai-dialogue",
        "headline": (
            "A Digital Ceasefire? Rival Governments Open a Formal Channel on "
            "Military AI"
        ),
        "dek": (
            "After two years of export controls and mutual accusations, the "
            "two governments will hold their first structured talks on "
            "artificial intelligence in Geneva within a month. Expectations "
            "are modest, but the format itself marks a shift from open "
            "confrontation to managed competition."
        ),
        "section": "technology-security",
        "authors": [
            "nadia-kesselring",
            "tobias-ferrand",
        ],
        "tags": [
            "artificial intelligence",
            "arms control",
            "export controls",
        ],
        "hours_ago": 3,
        "status": "published",
        "hero": {
            "alt": (
                "A red, white and blue striped flag ripples from a grey pole "
                "against a clear, cloudless blue sky that pales toward the "
                "horizon."
            ),
            "caption": (
                "Both governments will name delegations led by deputy ministers "
                "before the first round in Geneva."
            ),
            "credit": "Illustration: Newsroom Studio",
            "palette": [
                "#2F6FC4",
                "#BFE3FF",
            ],
            "motif": "flag",
        },
        "takeaways": [
            (
                "The two governments will open a standing dialogue on artificial "
                "intelligence, with a first round in Geneva within thirty days."
            ),
            (
                "The agenda covers human control of nuclear weapons, testing of "
                "autonomous systems and a channel for AI-related incidents."
            ),
            (
                "Export controls and investment restrictions are explicitly "
                "outside the talks and remain in force."
            ),
            (
                "A joint declaration on human authority over nuclear launch "
                "decisions could be ready by the second round in the spring."
            ),
        ],
        "body": [
            (
                "<p>The two governments announced on Tuesday that senior "
                "officials will meet in Geneva within thirty days to open what "
                "both sides called a standing dialogue on artificial "
                "intelligence. The joint statement, released simultaneously in "
                "both capitals, runs to just 212 words. It commits each side to "
                "name a delegation led by a deputy minister, to meet at least "
                "twice a year, and to exchange written positions on the military "
                "use of AI before each round. It says nothing about export "
                "controls, investment screening or the visa restrictions on "
                "researchers that have defined the relationship for the past two "
                "years.</p>"
            ),
            (
                "<p>Officials familiar with the drafting said the text went "
                "through eleven versions over four months, with most of the "
                "argument concentrated on a single word. One side wanted the "
                "talks described as covering “risks”; the other insisted on "
                "“governance”, which it reads as including rules on trade. The "
                "compromise lists both. The agenda for the first round is "
                "narrower: <strong>human control over nuclear command-and-control "
                "systems</strong>, testing standards for autonomous weapons, and "
                "a notification mechanism for AI-related incidents that could be "
                "misread as hostile acts.</p>"
            ),
            (
                "<p>The nuclear item is the most concrete. Both governments have "
                "said separately that a human should always authorise the use of "
                "nuclear weapons, but neither has said so to the other in a "
                "signed document. Diplomats on both sides suggested that a joint "
                "declaration on that point could be ready by the second round, "
                "expected in the spring. Arms-control specialists note that such "
                "a statement would be unverifiable, but argue that it would "
                "create a reference point future negotiators could build on, much "
                "as the first hotline agreements did during the Cold War.</p>"
            ),
            (
                "<p>The incident channel may matter more in practice. Military "
                "planners on both sides increasingly rely on automated systems to "
                "flag anomalies in satellite imagery, network traffic and naval "
                "movements. A false positive that is acted on quickly could "
                "escalate before anyone in either capital understands what has "
                "happened. The proposed mechanism would give each side a "
                "designated point of contact, available around the clock, with a "
                "commitment to acknowledge a query within <em>two hours</em>. "
                "Neither government has yet said which ministry would staff it, "
                "or whether military officers would sit on the line.</p>"
            ),
            (
                "<p>What the dialogue will not do is slow the commercial race. "
                "Restrictions on advanced chips remain in force, and one side's "
                "legislature is debating a bill that would extend them to cloud "
                "computing services rented from abroad. Industry groups in both "
                "countries welcomed the announcement but warned that talks "
                "confined to military questions leave the larger economic "
                "conflict untouched. A senior official involved in the "
                "negotiations described the ambition in modest terms: the aim is "
                "not to end the competition, but to make sure it does not produce "
                "an accident that neither side chose.</p>"
            ),
        ],
        "analysis": {
            "body": (
                "<p>It is tempting to dismiss a 212-word statement as theatre, "
                "but that would misread how arms control usually begins. The "
                "first agreements between nuclear rivals were not grand bargains; "
                "they were telephone lines and notification rules that made it "
                "harder to stumble into war. This dialogue follows the same "
                "logic, and its narrowness is a strength rather than a flaw. By "
                "fencing off trade and chips, both sides have removed the issues "
                "on which neither can concede at home. The real test will come "
                "the first time the incident channel is used in a genuine scare. "
                "If it works once, quietly, it will have justified the whole "
                "exercise. If either side treats it as a venue for scoring "
                "points, this ceasefire will prove as fragile as its critics "
                "expect.</p>"
            ),
            "attribution": "Foreign Desk Editorial",
            "label": "Strategic Insight",
            "approved": True,
        },
        "related": [
            "chip-export-controls-allies-split",
            "undersea-cable-repair-fleet",
        ],
    },
    {
        "slug": "chip-export-controls-allies-split",
        "headline": (
            "Allies Split Over Extending Chip Export Controls to Older "
            "Manufacturing Tools"
        ),
        "dek": (
            "Three equipment-producing allies have declined to match a "
            "proposal to restrict sales of machines used to make mature-node "
            "chips. The disagreement exposes how much of the controls regime "
            "depends on companies based outside the country that designed it."
        ),
        "section": "technology-security",
        "authors": [
            "nadia-kesselring",
            "amara-lindqvist",
        ],
        "tags": [
            "semiconductors",
            "export controls",
            "artificial intelligence",
        ],
        "hours_ago": 14,
        "status": "published",
        "hero": {
            "alt": (
                "A fine white grid over a navy-to-teal background, crossed by a "
                "wavy line of golden dots that resemble nodes on a circuit board."
            ),
            "caption": (
                "Mature-node chips account for most of the world's semiconductor "
                "output by volume."
            ),
            "credit": "Illustration: Newsroom Studio",
            "palette": [
                "#1B2A41",
                "#3C6E71",
            ],
            "motif": "grid",
        },
        "takeaways": [
            (
                "Three allied governments have declined to extend national "
                "controls to machines that make mature-node chips."
            ),
            (
                "Their equipment makers earn a large share of revenue from the "
                "targeted market, much of it from older tools."
            ),
            (
                "Backers of the proposal want restrictions on servicing and spare "
                "parts as well as on new sales."
            ),
            (
                "A joint working group is due to report in March on whether a "
                "common control list is achievable."
            ),
        ],
        "body": [
            (
                "<p>A proposal to widen restrictions on semiconductor "
                "manufacturing equipment has stalled after three allied "
                "governments, whose companies dominate parts of the market, said "
                "they would not align their national rules before the end of the "
                "year. The proposal would extend controls from tools used for the "
                "most advanced chips to deposition and etching machines used for "
                "so-called mature nodes of 28 nanometres and above. Those older "
                "chips go into cars, industrial controllers and weapons guidance "
                "systems, and production capacity for them has expanded rapidly "
                "in the targeted country over the past four years.</p>"
            ),
            (
                "<p>The objections are partly commercial. Equipment makers in the "
                "three allied states earn between a quarter and two-fifths of "
                "their revenue from customers in the targeted market, according "
                "to company filings, and most of that comes from mature-node "
                "orders. Officials in one allied capital argued in a position "
                "paper circulated last month that restricting these tools would "
                "do little to slow military modernisation, since older equipment "
                "is widely available second-hand and domestic suppliers are "
                "closing the gap. They also questioned whether broad "
                "extraterritorial rules would survive challenge in their own "
                "courts.</p>"
            ),
            (
                "<p>Supporters of the proposal counter that the window for "
                "leverage is closing. Domestic toolmakers in the targeted country "
                "have raised their share of local equipment purchases from "
                "roughly one-tenth to about one-third in four years, according to "
                "industry estimates, and each order placed abroad today helps "
                "fund the research that will eventually replace it. The "
                "proposal's backers also want controls on <strong>servicing and "
                "spare parts</strong>, not only on new sales, arguing that a "
                "complex machine without maintenance loses much of its "
                "productivity within eighteen months.</p>"
            ),
            (
                "<p>The practical effect of the split is a patchwork. Companies "
                "face different licensing rules depending on where a given "
                "machine is assembled, and compliance teams report that some "
                "customers are already exploiting the gaps by routing orders "
                "through subsidiaries in third countries. A working group of the "
                "allied governments is due to report in March on whether a common "
                "list is achievable. Officials involved expect it to recommend "
                "servicing controls for a narrow set of tools, while leaving the "
                "wider mature-node market open for now.</p>"
            ),
        ],
        "analysis": {
            "body": (
                "<p>Export controls only work when the countries that make the "
                "chokepoint products agree to squeeze them, and this episode "
                "shows that agreement cannot be assumed. The hesitant allies are "
                "right that mature-node restrictions would be costly and leaky; "
                "they are wrong if they believe neutrality on the question is "
                "available. Every year of open sales accelerates the substitution "
                "that will make future controls meaningless. The sensible "
                "compromise is the one the working group appears to be heading "
                "toward: target servicing and spare parts for a short list of "
                "tools, where leverage is real and evasion is hard, rather than "
                "chase a comprehensive ban that would fracture the coalition. A "
                "narrow rule that everyone enforces beats a broad one that only "
                "its author believes in.</p>"
            ),
            "attribution": "Technology Desk Editorial",
            "label": "Strategic Insight",
            "approved": True,
        },
        "related": [
            "digital-ceasefire-ai-dialogue",
            "critical-minerals-price-floor",
        ],
    },
    {
        "slug": "undersea-cable-repair-fleet",
        "headline": (
            "Northern Coastal States Pool Repair Ships to Protect Undersea Cables"
        ),
        "dek": (
            "Eight coastal states will share a standby fleet of cable-repair "
            "vessels and a common damage register under a pact signed this "
            "week. The arrangement aims to cut repair times that now stretch "
            "to several weeks after each suspected sabotage incident."
        ),
        "section": "technology-security",
        "authors": [
            "kofi-brannigan",
        ],
        "tags": [
            "undersea cables",
            "maritime security",
            "critical infrastructure",
        ],
        "hours_ago": 27,
        "status": "published",
        "hero": {
            "alt": (
                "Layered bands of deep blue waves roll across the lower half of "
                "the frame beneath a dark, brooding blue sky with no land in "
                "sight."
            ),
            "caption": (
                "Specialised repair ships can currently take two to three weeks "
                "to reach a damaged cable."
            ),
            "credit": "Illustration: Newsroom Studio",
            "palette": [
                "#0B3C5D",
                "#328CC1",
            ],
            "motif": "waves",
        },
        "takeaways": [
            (
                "Eight coastal states will keep at least two cable-repair ships "
                "on standby in the region at all times."
            ),
            (
                "The target is to reach any reported cable break within 72 hours, "
                "down from two to three weeks."
            ),
            (
                "A shared damage register will log tracking data and seabed "
                "imagery to reveal patterns across borders."
            ),
            (
                "The pact does not expand legal powers to board foreign-flagged "
                "ships in exclusive economic zones."
            ),
        ],
        "body": [
            (
                "<p>Eight coastal states signed an agreement on Wednesday to "
                "share a standby fleet of cable-repair ships and to pool data on "
                "damage to undersea telecommunications and power lines. Under the "
                "pact, each government will contribute funding or vessel time to "
                "keep at least two specialised repair ships on call in the region "
                "at all times, with a target of reaching any reported break "
                "within <strong>72 hours</strong>. At present, repair ships are "
                "mostly chartered commercially and serve several ocean basins, "
                "and operators say a crew can take two to three weeks to "
                "arrive.</p>"
            ),
            (
                "<p>The agreement follows a series of incidents over the past two "
                "years in which cables and a gas pipeline were damaged by ships "
                "dragging anchors across the seabed. Investigations have been "
                "slowed by questions of jurisdiction: several of the breaks "
                "occurred in exclusive economic zones, where coastal states have "
                "limited powers to board foreign-flagged vessels. The new pact "
                "does not change that legal position, but it creates a common "
                "register in which each incident is logged with vessel-tracking "
                "data, seabed imagery and repair findings, so that patterns can "
                "be identified across borders.</p>"
            ),
            (
                "<p>Industry figures welcomed the pooling arrangement but "
                "cautioned that ships are only part of the problem. The global "
                "fleet of cable-laying and repair vessels numbers roughly sixty, "
                "many of them more than twenty years old, and spare cable and "
                "specialised joints are stocked in only a handful of depots. The "
                "agreement commits signatories to fund a regional depot of spare "
                "cable, but does not say where it will be located or when it will "
                "open. Two governments are understood to be competing to host "
                "it.</p>"
            ),
            (
                "<p>Officials were careful to present the pact as an exercise in "
                "resilience rather than a response to any one state. Naval "
                "patrols already operate in the region under a separate alliance "
                "framework, and the repair fleet will remain civilian. But the "
                "damage register is designed to make attribution easier, and "
                "several signatories have said privately that they hope a shared "
                "evidence base will strengthen the case for sanctions on shipping "
                "companies whose vessels are repeatedly involved. The first "
                "annual review of the register is due in twelve months.</p>"
            ),
        ],
        "analysis": {
            "body": (
                "<p>The repair pact treats the symptom rather than the disease, "
                "and that is not a criticism. Deterrence against deniable "
                "sabotage is hard; resilience is achievable, and it quietly "
                "changes the calculation of anyone considering the next dragged "
                "anchor. If a cut is repaired in three days instead of three "
                "weeks, the strategic payoff of making it shrinks accordingly. "
                "The weaker part of the deal is the spare-cable depot, which "
                "remains unfunded in detail and unsited. Without it, "
                "fast-arriving ships will simply wait at the quayside for parts. "
                "Governments should settle the location within months, not years, "
                "and resist the temptation to turn a logistics decision into a "
                "contest over prestige.</p>"
            ),
            "attribution": "Security Desk Editorial",
            "label": "Strategic Insight",
            "approved": False,
        },
        "related": [
            "digital-ceasefire-ai-dialogue",
            "gulf-mediation-ceasefire-talks",
        ],
    },
    {
        "slug": "gulf-mediation-ceasefire-talks",
        "headline": (
            "Gulf Mediators Broker a Ninety-Day Truce Framework That Puts "
            "Shipping Lanes First"
        ),
        "dek": (
            "Negotiators for two warring parties have accepted a phased "
            "ceasefire framework after five weeks of talks hosted by a Gulf "
            "state. The first phase focuses on halting attacks on commercial "
            "shipping, with political questions deferred to a later round."
        ),
        "section": "diplomacy",
        "authors": [
            "tobias-ferrand",
        ],
        "tags": [
            "mediation",
            "ceasefire",
            "maritime security",
        ],
        "hours_ago": 6,
        "status": "published",
        "hero": {
            "alt": (
                "A large yellow sun hangs above low, dark hills in a warm orange "
                "sky that fades to pale cream near the horizon."
            ),
            "caption": (
                "The talks were held over five weeks at a government guesthouse "
                "in the host state."
            ),
            "credit": "Illustration: Newsroom Studio",
            "palette": [
                "#E8893A",
                "#FCE8C3",
            ],
            "motif": "sun",
        },
        "takeaways": [
            (
                "The warring parties accepted a three-phase ceasefire framework "
                "after five weeks of talks hosted by a Gulf state."
            ),
            (
                "The first ninety-day phase halts attacks on shipping and pulls "
                "heavy weapons back from two contested harbours."
            ),
            (
                "Political questions, including the timing of elections, have "
                "been deferred to the third phase."
            ),
            (
                "A neutral monitoring team is due to be assembled within 21 days "
                "but will have no enforcement powers."
            ),
        ],
        "body": [
            (
                "<p>Delegations representing the government and the main armed "
                "opposition movement in a protracted coastal conflict have "
                "accepted a three-phase ceasefire framework, according to a "
                "statement issued by the Gulf state that hosted five weeks of "
                "indirect talks. The first phase, lasting ninety days, commits "
                "both sides to stop attacks on commercial shipping and port "
                "infrastructure, to withdraw heavy weapons at least 20 kilometres "
                "from two contested harbours, and to allow a joint monitoring "
                "team access to both. A second phase would address prisoner "
                "exchanges and the reopening of the main coastal highway.</p>"
            ),
            (
                "<p>The sequencing reflects the mediators' judgement that the "
                "maritime dimension offered the quickest common ground. Both "
                "parties rely on customs revenue from the ports, and insurers had "
                "raised war-risk premiums for vessels calling there to roughly 1 "
                "percent of hull value per voyage, a level that made many routine "
                "cargoes uneconomic. Diplomats involved said the promise of lower "
                "premiums, and the revenue that would follow, did more to move "
                "the delegations than any appeal to humanitarian principle. "
                "Political questions, including the status of the capital and "
                "elections, have been left to the third phase.</p>"
            ),
            (
                "<p>The mediator's method was notable for its discretion. The "
                "talks were held at a government guesthouse rather than a "
                "conference centre, no photographs were released until the "
                "framework was agreed, and the two delegations met face to face "
                "only twice. Each day, mediators carried written proposals "
                "between separate floors, a format that allowed negotiators to "
                "test ideas without being seen to concede. Western and regional "
                "governments were briefed weekly but did not attend, an "
                "arrangement that several of them accepted only reluctantly.</p>"
            ),
            (
                "<p>Implementation will depend on the monitoring team, which is "
                "to be assembled within 21 days from officers supplied by three "
                "neutral states. Its mandate allows it to verify weapons "
                "withdrawals and investigate reported violations, but not to "
                "enforce compliance. Previous truces in the conflict collapsed "
                "within weeks after disputed incidents for which neither side "
                "accepted responsibility. Mediators have proposed a joint "
                "incident committee that would meet within 48 hours of any "
                "alleged breach, and both delegations have agreed to it in "
                "principle, though not yet to its membership.</p>"
            ),
        ],
        "analysis": {
            "body": (
                "<p>The framework works precisely because it asks so little of "
                "the parties' politics and so much of their accounts. By starting "
                "with shipping, the mediators found the one issue on which both "
                "sides lose money every day the fighting continues, and they "
                "turned insurance premiums into a peace dividend that can be "
                "measured. This is mediation as applied economics, and it "
                "deserves imitation. The danger lies in the deferral. Parties "
                "that pocket the revenue of a maritime truce may lose interest in "
                "the harder questions of power and legitimacy, leaving a frozen "
                "conflict with better port statistics. The mediator's leverage "
                "will peak in the final weeks of the ninety days, and it should "
                "use that moment to fix a date for the political talks.</p>"
            ),
            "attribution": "Diplomacy Desk Editorial",
            "label": "Strategic Insight",
            "approved": True,
        },
        "related": [
            "undersea-cable-repair-fleet",
            "un-security-council-reform-vote",
        ],
    },
    {
        "slug": "un-security-council-reform-vote",
        "headline": "Security Council Reform Talks Move to a Single Negotiating Text",
        "dek": (
            "Member states in the General Assembly have agreed to begin "
            "line-by-line negotiations on a consolidated text for enlarging "
            "the Security Council. The move is procedural, but it ends a long "
            "period in which talks consisted of restated national positions."
        ),
        "section": "diplomacy",
        "authors": [
            "tobias-ferrand",
        ],
        "tags": [
            "united nations",
            "multilateralism",
            "security council",
        ],
        "hours_ago": 52,
        "status": "published",
        "hero": {
            "alt": (
                "Dark grey blocks of a city skyline fill the lower part of the "
                "frame beneath a soft blue sky that whitens toward the horizon."
            ),
            "caption": (
                "Reform of the Security Council has been on the General "
                "Assembly's agenda since the 1990s."
            ),
            "credit": "Illustration: Newsroom Studio",
            "palette": [
                "#6C8EBF",
                "#DCE6F2",
            ],
            "motif": "skyline",
        },
        "takeaways": [
            (
                "Security Council reform talks will work from a single "
                "consolidated text for the first time in their current format."
            ),
            (
                "The text places options for new permanent seats alongside a "
                "model of renewable seats lasting eight to ten years."
            ),
            (
                "Any amendment to the Charter needs 129 votes in the General "
                "Assembly and ratification by all five permanent members."
            ),
            (
                "The co-chairs aim to halve the number of bracketed options "
                "before the Assembly meets in September."
            ),
        ],
        "body": [
            (
                "<p>The long-running intergovernmental negotiations on reform of "
                "the United Nations Security Council will, for the first time in "
                "their current form, work from a single consolidated text, after "
                "the co-chairs secured agreement from member states at a closing "
                "session on Monday. Until now, the process has produced only "
                "compilations of national positions, with no attribution and no "
                "mechanism for narrowing differences. The new document, about 30 "
                "pages long, sets out options in square brackets on five "
                "clusters: categories of membership, the veto, regional "
                "representation, the size of an enlarged council and its working "
                "methods.</p>"
            ),
            (
                "<p>The shift was made possible by a change of position among a "
                "bloc of middle-sized states that had long resisted a text, "
                "fearing it would be drafted to favour candidates for new "
                "permanent seats. The co-chairs addressed that concern by "
                "including, alongside options for permanent expansion, a model "
                "built on longer-term renewable seats of eight to ten years. "
                "Diplomats said the inclusion of both models in parallel, with no "
                "indication of preference, was the decisive concession that "
                "unlocked agreement.</p>"
            ),
            (
                "<p>The arithmetic remains daunting. Any amendment to the UN "
                "Charter requires approval by two-thirds of the General Assembly, "
                "currently 129 of 193 members, followed by ratification by "
                "two-thirds of members including all five permanent members of "
                "the Council. The veto cluster is the hardest: proposals range "
                "from abolishing it, through limiting its use in cases of mass "
                "atrocities, to extending it to any new permanent members. At "
                "least two permanent members have signalled that they will not "
                "accept any text that restricts their existing rights.</p>"
            ),
            (
                "<p>Even so, officials said a negotiating text changes the "
                "incentives facing delegations. Positions that were previously "
                "stated once a year in general debate will now have to be "
                "defended against specific wording, and states that oppose an "
                "option must propose alternatives or accept its survival into the "
                "next draft. The co-chairs aim to reduce the number of bracketed "
                "options by half before the next session of the General Assembly "
                "opens in September. Few diplomats expect a vote on the substance "
                "within the next three years.</p>"
            ),
        ],
        "analysis": None,
        "related": [
            "gulf-mediation-ceasefire-talks",
            "arctic-council-science-channel",
        ],
    },
    {
        "slug": "arctic-council-science-channel",
        "headline": (
            "Arctic States Revive a Science-Only Channel After a Three-Year Freeze"
        ),
        "dek": (
            "Research agencies from all eight Arctic states will resume "
            "sharing data on permafrost, sea ice and wildlife under a "
            "narrowly drawn technical arrangement. Political meetings at "
            "ministerial level remain suspended, and the deal carefully "
            "avoids any security language."
        ),
        "section": "diplomacy",
        "authors": [
            "tobias-ferrand",
            "iris-valdane",
        ],
        "tags": [
            "arctic",
            "multilateralism",
            "science diplomacy",
        ],
        "hours_ago": 220,
        "status": "published",
        "hero": {
            "alt": (
                "A pale yellow sun hangs above low, dark hills under an icy blue "
                "sky that fades to near white at the horizon."
            ),
            "caption": (
                "Long-term permafrost records from across the region have "
                "developed large gaps since the freeze."
            ),
            "credit": "Illustration: Newsroom Studio",
            "palette": [
                "#8DB8DA",
                "#F4F7FA",
            ],
            "motif": "sun",
        },
        "takeaways": [
            (
                "Research agencies from all eight Arctic states will resume data "
                "sharing in six technical areas."
            ),
            (
                "Data will be held in a university-hosted repository rather than "
                "exchanged between ministries."
            ),
            (
                "Any participant may withdraw its data with thirty days' notice, "
                "reflecting concerns about naval uses."
            ),
            (
                "Ministerial and political meetings remain suspended, and the "
                "arrangement contains no security language."
            ),
        ],
        "body": [
            (
                "<p>Research agencies from the eight Arctic states have agreed to "
                "resume the exchange of scientific data through a set of "
                "technical working groups, reopening a channel that had been "
                "largely dormant for three years. The arrangement, confirmed in a "
                "short statement by the rotating chair, covers six areas: "
                "permafrost monitoring, sea-ice observation, migratory wildlife, "
                "search-and-rescue coordination, oil-spill response and the "
                "health of Indigenous communities. Data will flow through a "
                "shared repository hosted by a university consortium rather than "
                "through any government ministry.</p>"
            ),
            (
                "<p>Scientists have pressed for the move for some time. The "
                "region is warming several times faster than the global average, "
                "and the largest share of Arctic land belongs to the one state "
                "whose participation had been suspended. Researchers say that "
                "without its monitoring stations, long-term records of permafrost "
                "temperature and methane release have developed gaps covering "
                "close to half of the Arctic land surface, weakening models used "
                "well beyond the region, including those that inform estimates of "
                "the remaining global carbon budget.</p>"
            ),
            (
                "<p>The arrangement is deliberately narrow. Meetings will take "
                "place online or in neutral venues, at the level of agency "
                "experts rather than diplomats, and the statement makes no "
                "reference to political dialogue, military activity or the "
                "suspended ministerial meetings. Two member governments insisted "
                "on a clause allowing any participant to withdraw its data from "
                "the repository with thirty days' notice, a safeguard intended to "
                "address concerns about the <em>dual-use</em> value of detailed "
                "ice and seabed information for naval operations.</p>"
            ),
            (
                "<p>Indigenous organisations, which hold a consultative seat in "
                "the council's structures, welcomed the decision but said the "
                "restored channel should treat traditional knowledge on equal "
                "terms with instrument data. Their representatives noted that "
                "communities on both sides of the political divide share "
                "languages, herds and fishing grounds, and that the freeze had "
                "disrupted cross-border health monitoring. The first joint "
                "working-group meeting is scheduled for late spring, and the "
                "chair has said the arrangement will be reviewed after one "
                "year.</p>"
            ),
        ],
        "analysis": {
            "body": (
                "<p>Science diplomacy is often oversold as a bridge to political "
                "reconciliation, and nobody should expect this arrangement to "
                "thaw relations at ministerial level. Its value lies elsewhere. "
                "Climate models do not recognise sanctions regimes, and a "
                "permafrost record with a hole across half the Arctic is a "
                "problem for every government that relies on it, including the "
                "ones that created the hole. By routing data through a university "
                "consortium and adding a withdrawal clause, the member states "
                "have built something that can survive the next political shock "
                "rather than become its first casualty. That is the right "
                "ambition. The test is whether the repository is still filling a "
                "year from now, when the novelty has faded and the working groups "
                "must function without a ministerial mandate behind them.</p>"
            ),
            "attribution": "Foreign Desk Editorial",
            "label": "Strategic Insight",
            "approved": False,
        },
        "related": [
            "un-security-council-reform-vote",
        ],
    },
    {
        "slug": "critical-minerals-price-floor",
        "headline": (
            "Importing Nations Weigh a Price Floor to Keep Critical-Mineral Mines Open"
        ),
        "dek": (
            "A group of importing governments is studying a mechanism that "
            "would guarantee minimum prices for lithium, nickel and rare "
            "earths from approved mines. Supporters say it would break a "
            "cycle of oversupply and closures, while critics call it an "
            "expensive subsidy with a geopolitical label."
        ),
        "section": "economy",
        "authors": [
            "amara-lindqvist",
        ],
        "tags": [
            "critical minerals",
            "supply chains",
            "trade policy",
        ],
        "hours_ago": 40,
        "status": "published",
        "hero": {
            "alt": (
                "A yellow sun glows above low, dark green hills under a hazy "
                "copper sky that fades to pale sand near the horizon."
            ),
            "caption": (
                "At least a dozen nickel and lithium operations in allied "
                "countries have closed or paused expansion this year."
            ),
            "credit": "Illustration: Newsroom Studio",
            "palette": [
                "#C4713F",
                "#F3D9B1",
            ],
            "motif": "sun",
        },
        "takeaways": [
            (
                "Importing governments are drafting a price floor for minerals "
                "from mines that meet agreed standards."
            ),
            (
                "Prices for several critical minerals fell by more than half in a "
                "year, forcing closures in allied countries."
            ),
            (
                "A contract-for-difference design is favoured because its costs "
                "are visible and can be capped."
            ),
            (
                "Carmakers and battery producers fear the floor will raise their "
                "input costs relative to foreign competitors."
            ),
        ],
        "body": [
            (
                "<p>Officials from a group of mineral-importing economies are "
                "drafting proposals for a price-floor mechanism for critical "
                "minerals, according to two people involved in the discussions. "
                "The idea is to guarantee a minimum price for output from mines "
                "and processing plants that meet agreed labour, environmental and "
                "ownership standards, so that projects outside the dominant "
                "supplier country can survive periods of low prices. The working "
                "draft covers lithium, nickel, cobalt and a basket of rare-earth "
                "elements used in the magnets of electric motors and wind "
                "turbines.</p>"
            ),
            (
                "<p>The push follows a year in which prices for several of these "
                "materials fell by more than half, driven largely by a surge of "
                "new capacity in one producer country and in mines financed by "
                "its companies abroad. At least a dozen nickel and lithium "
                "operations in allied countries have closed or suspended "
                "expansion in that period, according to industry tallies. "
                "Investors argue that no private lender will finance a new mine "
                "when a single state can, in effect, set the global price through "
                "its production decisions.</p>"
            ),
            (
                "<p>Three designs are under discussion. The first is a "
                "<strong>contract for difference</strong>, in which governments "
                "pay producers the gap between a market reference price and an "
                "agreed floor, and collect the surplus when prices rise above a "
                "ceiling. The second is a tariff on non-qualifying supply, which "
                "would raise prices for buyers inside the group. The third is a "
                "strategic stockpile that buys when prices fall below a trigger "
                "level. Officials say the first option is favoured because its "
                "costs are visible and can be capped, but estimates of its annual "
                "cost range from a few hundred million to several billion "
                "dollars.</p>"
            ),
            (
                "<p>Manufacturers that use these materials are wary. Carmakers "
                "and battery producers say any arrangement that raises input "
                "prices in one market but not in others will make their products "
                "less competitive globally, and they want assurances that the "
                "cost of the floor would not be passed through to them. Trade "
                "lawyers also note that a tariff-based design could face "
                "challenge under existing trade rules. The officials aim to "
                "present options to ministers in the summer, with a pilot limited "
                "to one or two minerals seen as the most likely first step.</p>"
            ),
        ],
        "analysis": {
            "body": (
                "<p>A price floor is an admission that the market for critical "
                "minerals is no longer a market in the textbook sense. When one "
                "state's production decisions can halve global prices in a year, "
                "private investors rationally refuse to build elsewhere, and "
                "calls for diversified supply chains amount to wishful thinking. "
                "The contract for difference is the most honest option on the "
                "table: it puts the cost of resilience on public budgets, where "
                "voters can see it, rather than hiding it in tariffs. But "
                "governments must be disciplined about scope. A floor that covers "
                "too many minerals, or that is set high enough to keep weak "
                "projects alive indefinitely, will harden into a permanent "
                "subsidy. Start narrow, publish the numbers and attach a sunset "
                "clause.</p>"
            ),
            "attribution": "Economics Desk Editorial",
            "label": "Strategic Insight",
            "approved": True,
        },
        "related": [
            "chip-export-controls-allies-split",
            "carbon-border-levy-first-invoices",
        ],
    },
    {
        "slug": "carbon-border-levy-first-invoices",
        "headline": (
            "The First Carbon Border Bills Arrive, and Exporters Find the "
            "Paperwork Costs More Than the Levy"
        ),
        "dek": (
            "Importers of steel, aluminium and cement into the European Union "
            "have begun paying for the emissions embedded in their goods. "
            "Early figures suggest the direct charge is modest, while "
            "compliance costs and data disputes are proving far larger."
        ),
        "section": "economy",
        "authors": [
            "amara-lindqvist",
            "iris-valdane",
        ],
        "tags": [
            "trade policy",
            "carbon pricing",
            "european union",
        ],
        "hours_ago": 380,
        "status": "published",
        "hero": {
            "alt": (
                "A row of grey buildings of varying heights stands in silhouette "
                "along the bottom of the frame against a flat, overcast grey sky."
            ),
            "caption": (
                "Steel accounted for the largest share of declared liabilities in "
                "the first charging quarter."
            ),
            "credit": "Illustration: Newsroom Studio",
            "palette": [
                "#5B6770",
                "#C9D3DA",
            ],
            "motif": "skyline",
        },
        "takeaways": [
            (
                "Importers of carbon-intensive goods into the European Union now "
                "pay for the emissions embedded in them."
            ),
            (
                "The direct charge on most steel imports is currently a low "
                "single-digit share of the product price."
            ),
            (
                "Exporters report that verification and compliance costs exceed "
                "the levy itself for many firms."
            ),
            (
                "A review next year will decide whether to extend the rules to "
                "downstream goods such as car parts."
            ),
        ],
        "body": [
            (
                "<p>The European Union's carbon border adjustment has entered its "
                "charging phase, and the first quarterly figures offer an early "
                "picture of how the levy works in practice. Importers of steel, "
                "aluminium, cement, fertilisers, hydrogen and electricity must "
                "now buy certificates covering the emissions embedded in their "
                "goods, minus any carbon price already paid in the country of "
                "production. Preliminary figures show that around 80 percent of "
                "the declared volume came from fewer than 2,000 importers, with "
                "steel accounting for the largest share of the liability.</p>"
            ),
            (
                "<p>The direct cost has so far been lower than many exporters "
                "feared. Because free allowances for domestic producers are being "
                "phased out gradually, the levy on imports is scaled down in the "
                "same proportion, and the effective charge on a tonne of imported "
                "hot-rolled steel currently works out at a low single-digit "
                "percentage of its price. For aluminium from coal-heavy smelters, "
                "however, the charge is significantly higher, and traders report "
                "that some buyers have already shifted orders toward producers "
                "with verified low-carbon power.</p>"
            ),
            (
                "<p>The larger burden is administrative. Importers must submit "
                "emissions data verified at the level of each installation, and "
                "where producers cannot or will not supply it, default values "
                "apply that are deliberately set high. Trade associations in "
                "several exporting countries say their members have spent more on "
                "consultants, audits and monitoring equipment than they expect to "
                "pay in levies this year. Smaller producers, who often sell "
                "through traders and lack direct contact with European buyers, "
                "are the most exposed to default values and the penalty pricing "
                "they imply.</p>"
            ),
            (
                "<p>Diplomatic friction is rising in parallel. Several large "
                "exporting economies have raised the mechanism at trade forums, "
                "arguing that it amounts to a unilateral tariff that ignores the "
                "differing historical responsibility of countries for emissions. "
                "The European Commission maintains that the levy is neutral "
                "because it mirrors the carbon price that domestic producers pay. "
                "A review scheduled for next year will decide whether to extend "
                "coverage to downstream products such as car parts and machinery, "
                "a step that would multiply the number of firms caught by the "
                "rules.</p>"
            ),
        ],
        "analysis": {
            "body": (
                "<p>The early numbers undercut both the loudest fears and the "
                "loudest hopes. The levy is not yet the protectionist wall its "
                "critics predicted, nor the powerful lever on foreign emissions "
                "its architects promised. What it has become, for now, is a data "
                "regime, and that may prove its most consequential feature. By "
                "forcing producers to measure emissions plant by plant, the "
                "mechanism is building the kind of verified carbon accounting "
                "that global climate policy has always lacked. The risk is that "
                "smaller exporters in poorer countries bear the compliance cost "
                "without the capacity to benefit. Brussels should fund "
                "verification support for them directly, because a climate tool "
                "that punishes the least equipped will squander the goodwill it "
                "needs to be copied.</p>"
            ),
            "attribution": "Economics Desk Editorial",
            "label": "Strategic Insight",
            "approved": True,
        },
        "related": [
            "critical-minerals-price-floor",
        ],
    },
    {
        "slug": "river-basin-dry-season-flow-accord",
        "headline": (
            "Upstream Dam Operator Guarantees Dry-Season River Flows in a "
            "Three-Country Accord"
        ),
        "dek": (
            "Three states sharing a major river have agreed that the upstream "
            "country will release minimum volumes from its hydropower "
            "reservoirs during the dry months. The accord ties those releases "
            "to electricity purchases by the downstream states, turning a "
            "long dispute into a commercial contract."
        ),
        "section": "climate-energy",
        "authors": [
            "iris-valdane",
        ],
        "tags": [
            "hydropower",
            "transboundary rivers",
            "water security",
        ],
        "hours_ago": 72,
        "status": "published",
        "hero": {
            "alt": (
                "Layered blue-green waves fill the lower half of the frame "
                "beneath a clear, pale turquoise sky with no land or boats in "
                "view."
            ),
            "caption": (
                "Flows at the main border gauging station will be published daily "
                "by a joint basin commission."
            ),
            "credit": "Illustration: Newsroom Studio",
            "palette": [
                "#A8D5E2",
                "#4F8FAE",
            ],
            "motif": "waves",
        },
        "takeaways": [
            (
                "The upstream state will guarantee dry-season releases of at "
                "least 450 cubic metres per second at the border."
            ),
            (
                "The downstream states will buy up to 1,200 megawatts of "
                "hydropower under a 15-year contract."
            ),
            (
                "The power price falls automatically for every week in which "
                "river flows drop below the agreed floor."
            ),
            (
                "A joint commission will publish daily flow data, but sediment "
                "loss in the delta remains unaddressed."
            ),
        ],
        "body": [
            (
                "<p>Three states that share a large river system have signed an "
                "accord under which the upstream country will guarantee minimum "
                "water releases from its hydropower reservoirs during the four "
                "driest months of the year. The agreement, concluded after six "
                "years of intermittent negotiations, sets a floor of 450 cubic "
                "metres per second at the main border gauging station from "
                "February to May, rising automatically in years when rainfall in "
                "the upper catchment exceeds its long-term average. In exchange, "
                "the two downstream states commit to buying a fixed share of the "
                "upstream country's surplus electricity.</p>"
            ),
            (
                "<p>The dispute centred on a cascade of dams completed over the "
                "past decade, which allowed the upstream state to store water in "
                "the wet season and generate power when demand and prices were "
                "highest, often in the dry months when downstream farmers most "
                "needed the river. Downstream governments blamed the dams for "
                "falling groundwater and saltwater intrusion in the delta, where "
                "rice yields in some coastal districts have dropped by about a "
                "fifth in bad years. The upstream government argued that its "
                "reservoirs also reduced flood damage downstream, a claim that "
                "joint hydrological studies have partly supported.</p>"
            ),
            (
                "<p>The commercial link is the core of the deal. Under a "
                "<strong>15-year power purchase agreement</strong> attached to "
                "the accord, the downstream states will buy up to 1,200 megawatts "
                "of hydropower at a price indexed to regional gas prices, with "
                "the volume adjusted each year in line with the water actually "
                "released. If dry-season flows fall below the agreed floor, the "
                "purchase price drops by a set percentage for every week of "
                "shortfall. Negotiators said the mechanism gives the upstream "
                "utility a direct financial interest in meeting its water "
                "commitments.</p>"
            ),
            (
                "<p>Implementation will rest with a joint basin commission, which "
                "will operate real-time gauging stations at three points along "
                "the river and publish flow data daily. The commission will also "
                "appoint a panel of independent hydrologists to settle disputes "
                "over whether a shortfall was caused by drought or by reservoir "
                "operations. Environmental groups welcomed the flow guarantees "
                "but warned that the accord says little about sediment, which "
                "dams trap and which the delta needs to avoid sinking. A study on "
                "sediment management is due within two years.</p>"
            ),
        ],
        "analysis": {
            "body": (
                "<p>Water treaties often fail because they ask an upstream state "
                "to give something up in return for goodwill, and goodwill does "
                "not pay for dams. This accord should prove more durable because "
                "it turns water into a line item. The upstream utility now earns "
                "less when the river runs short, which aligns the incentives of "
                "engineers in the control room with the needs of farmers hundreds "
                "of kilometres away. Other shared basins, where disputes over new "
                "dams are intensifying, should study the model closely. Its "
                "weakness is sediment. A delta can receive every cubic metre it "
                "was promised and still sink, starved of the silt trapped behind "
                "concrete. Unless the two-year study leads to binding flushing "
                "rules, the accord will have solved this decade's problem while "
                "deferring the next one.</p>"
            ),
            "attribution": "Climate Desk Editorial",
            "label": "Strategic Insight",
            "approved": True,
        },
        "related": [],
    },
    {
        "slug": "offshore-wind-auction-redesign",
        "headline": (
            "Why Offshore Wind Auctions Keep Failing, and What Governments Are Changing"
        ),
        "dek": (
            "A string of offshore wind tenders has closed with few or no bids "
            "as developers balk at fixed prices set before costs and interest "
            "rates rose. Governments are now rewriting auction rules to index "
            "prices and share construction risk."
        ),
        "section": "climate-energy",
        "authors": [
            "iris-valdane",
        ],
        "tags": [
            "offshore wind",
            "energy transition",
            "auctions",
        ],
        "hours_ago": None,
        "status": "draft",
        "hero": {
            "alt": (
                "Layered navy-blue waves roll toward a straight horizon beneath a "
                "pale blue sky, with the open sea filling the lower half of the "
                "frame."
            ),
            "caption": (
                "Coastal states have pledged a steep increase in offshore "
                "capacity over the next decade."
            ),
            "credit": "Illustration: Newsroom Studio",
            "palette": [
                "#8FB8DE",
                "#1F4E79",
            ],
            "motif": "waves",
        },
        "takeaways": [
            (
                "Several offshore wind auctions have closed undersubscribed after "
                "construction costs rose by roughly a third."
            ),
            (
                "Governments are indexing contract prices to inflation between "
                "the auction and the start of construction."
            ),
            (
                "Non-price criteria such as supply-chain resilience now make up "
                "as much as 30 percent of some auction scores."
            ),
            (
                "Grid connection delays are emerging as a larger bottleneck than "
                "turbine supply in some markets."
            ),
        ],
        "body": [
            (
                "<p>At least five offshore wind auctions in Europe and Asia over "
                "the past two years have closed with fewer bids than the capacity "
                "on offer, and two attracted no bids at all. Developers say the "
                "problem is structural: projects are priced years before turbines "
                "are ordered, and the sharp rise in interest rates and steel "
                "costs pushed the cost of building a typical fixed-bottom wind "
                "farm up by roughly 30 to 40 percent. Several companies have "
                "since paid penalties to walk away from contracts they won at "
                "prices that no longer cover their costs.</p>"
            ),
            (
                "<p>Governments are responding by redesigning the auctions rather "
                "than simply raising price caps. The most common change is to "
                "index the strike price in a contract for difference to "
                "inflation, and in some cases to commodity prices, between the "
                "auction date and the start of construction. Some tenders now "
                "also allow a one-off adjustment if interest rates move beyond a "
                "set band. Officials argue that indexation lowers the bids they "
                "receive, because developers no longer need to add a large risk "
                "premium for cost shocks they cannot control.</p>"
            ),
            (
                "<p>A second shift concerns what developers are asked to compete "
                "on. Several recent auctions included non-price criteria worth up "
                "to 30 percent of the score, covering supply-chain resilience, "
                "cybersecurity and the share of components made in the region. "
                "Industry groups support the idea in principle but say the "
                "criteria are often vaguely defined, which makes outcomes hard to "
                "predict. Some developers have asked for a single set of "
                "standards across neighbouring markets, so that a turbine factory "
                "can plan around a predictable pipeline of orders.</p>"
            ),
            (
                "<p>The stakes are significant. Coastal states around the North "
                "Sea have pledged to install well over 100 gigawatts of offshore "
                "capacity by the early 2030s, a target that would require "
                "auctions to clear several gigawatts every year without "
                "interruption. Grid operators warn that connection delays are now "
                "a bigger bottleneck than turbine supply in some markets. Whether "
                "the new rules restore investor confidence should become clear in "
                "the next round of tenders, several of which are scheduled to "
                "close in the autumn.</p>"
            ),
        ],
        "analysis": None,
        "related": [
            "carbon-border-levy-first-invoices",
        ],
    },
]
