<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="hi">
<context>
    <name>AboutFlow</name>
    <message>
        <source>About {app}</source>
        <translation>{app} के बारे में</translation>
    </message>
    <message>
        <source>Click-to-call for TeleCMI.</source>
        <translation>TeleCMI के लिए क्लिक-टू-कॉल।</translation>
    </message>
    <message>
        <source>Keyring: {backend}</source>
        <translation>कीरिंग: {backend}</translation>
    </message>
    <message>
        <source>Diagnostics copied to the clipboard.</source>
        <translation>निदान क्लिपबोर्ड पर कॉपी हो गया।</translation>
    </message>
</context>
<context>
    <name>AccountFlow</name>
    <message>
        <source>Account {user_id} saved. Ready to call.</source>
        <translation>खाता {user_id} सहेजा गया। कॉल के लिए तैयार।</translation>
    </message>
    <message>
        <source>Saving failed ({error}).</source>
        <translation>सहेजना विफल रहा ({error})।</translation>
    </message>
    <message>
        <source>You can keep the secret in memory until the app quits.</source>
        <translation>आप ऐप बंद होने तक सीक्रेट को मेमोरी में रख सकते हैं।</translation>
    </message>
    <message>
        <source>The secret is kept in memory for this session only; it is forgotten when you quit.</source>
        <translation>सीक्रेट केवल इस सत्र के लिए मेमोरी में रखा गया है; ऐप बंद करने पर यह भुला दिया जाएगा।</translation>
    </message>
    <message>
        <source>Sandbox mode: calls go to the built-in demo server; no phone rings.</source>
        <translation>सैंडबॉक्स मोड: कॉल अंतर्निहित डेमो सर्वर पर जाती हैं; कोई फ़ोन नहीं बजता।</translation>
    </message>
    <message>
        <source>The new app secret was stored.</source>
        <translation>नया ऐप सीक्रेट सहेजा गया।</translation>
    </message>
    <message>
        <source>The new secret was not stored: {error}</source>
        <translation>नया सीक्रेट सहेजा नहीं गया: {error}</translation>
    </message>
    <message>
        <source>Remove the app secret of {user_id} from the keyring and clear the user id?</source>
        <translation>{user_id} का ऐप सीक्रेट कीरिंग से हटाएँ और यूज़र ID मिटाएँ?</translation>
    </message>
    <message>
        <source>Remove this profile&apos;s app secret from the keyring and clear the user id?</source>
        <translation>इस प्रोफ़ाइल का ऐप सीक्रेट कीरिंग से हटाएँ और यूज़र ID मिटाएँ?</translation>
    </message>
    <message>
        <source>Forget account</source>
        <translation>खाता भूलें</translation>
    </message>
    <message>
        <source>&amp;Forget</source>
        <translation>भूलें (&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Keep</source>
        <translation>रखें (&amp;K)</translation>
    </message>
    <message>
        <source>The account was forgotten.</source>
        <translation>खाता भुला दिया गया।</translation>
    </message>
    <message>
        <source>The secret could not be removed: {error}</source>
        <translation>सीक्रेट हटाया नहीं जा सका: {error}</translation>
    </message>
</context>
<context>
    <name>ComplianceFlow</name>
    <message>
        <source>The CRM page was not opened: the address could not be checked against the app secret ({error}).</source>
        <translation>CRM पेज नहीं खोला गया: पते को ऐप सीक्रेट से जाँचा नहीं जा सका ({error})।</translation>
    </message>
    <message>
        <source>The CRM page was not opened: its address holds the app secret. Change Settings › Calling › Open after a call.</source>
        <translation>CRM पेज नहीं खोला गया: उसके पते में ऐप सीक्रेट है। सेटिंग्स › कॉलिंग › कॉल के बाद खोलें बदलें।</translation>
    </message>
    <message>
        <source>The CRM page could not be opened: no browser took the address.</source>
        <translation>CRM पेज खोला नहीं जा सका: किसी ब्राउज़र ने पता नहीं लिया।</translation>
    </message>
    <message>
        <source>{number} is not a number that can be listed: {reason}.</source>
        <translation>{number} सूची में जोड़ने लायक नंबर नहीं है: {reason}।</translation>
    </message>
    <message>
        <source>{number} is on the do-not-call list.</source>
        <translation>{number} अब &apos;कॉल न करें&apos; सूची में है।</translation>
    </message>
    <message>
        <source>Import numbers for the do-not-call list</source>
        <translation>&apos;कॉल न करें&apos; सूची के लिए नंबर आयात करें</translation>
    </message>
    <message>
        <source>Lists of numbers ({patterns});;All files (*)</source>
        <translation>नंबरों की सूचियाँ ({patterns});;सभी फ़ाइलें (*)</translation>
    </message>
    <message>
        <source>Importing {file}…</source>
        <translation>{file} आयात हो रही है…</translation>
    </message>
</context>
<context>
    <name>ComplianceService</name>
    <message>
        <source>No team list is set.</source>
        <translation>कोई टीम सूची सेट नहीं है।</translation>
    </message>
    <message>
        <source>The team&apos;s list ({source}) has not been read yet.</source>
        <translation>टीम की सूची ({source}) अभी पढ़ी नहीं गई है।</translation>
    </message>
    <message>
        <source>The team&apos;s list: {count} numbers, read {when}.</source>
        <translation>टीम की सूची: {count} नंबर, {when} को पढ़ी गई।</translation>
    </message>
    <message>
        <source>The team&apos;s list: {count} numbers, read {when} (an earlier copy, from {source}).</source>
        <translation>टीम की सूची: {count} नंबर, {when} को पढ़ी गई (पहले की कॉपी, {source} से)।</translation>
    </message>
</context>
<context>
    <name>ComplianceTab</name>
    <message>
        <source>None (call at any hour)</source>
        <translation>कोई नहीं (किसी भी समय कॉल करें)</translation>
    </message>
    <message>
        <source>United States (TCPA)</source>
        <translation>अमेरिका (TCPA)</translation>
    </message>
    <message>
        <source>India (TRAI)</source>
        <translation>भारत (TRAI)</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>अपना समय…</translation>
    </message>
    <message>
        <source>Custom calling hours</source>
        <translation>अपना कॉलिंग समय</translation>
    </message>
    <message>
        <source>e.g. 10:00-18:00</source>
        <translation>जैसे 10:00-18:00</translation>
    </message>
    <message>
        <source>In the customer&apos;s own time zone, from their number (every zone, when a number spans several). A call outside them is not placed; the window says when they open.</source>
        <translation>ग्राहक के अपने टाइम ज़ोन में, उनके नंबर से तय (अगर नंबर कई ज़ोन में आता है तो हर ज़ोन में)। इस समय के बाहर कॉल नहीं लगती; विंडो बताती है कि समय कब शुरू होगा।</translation>
    </message>
    <message>
        <source>Calling &amp;hours</source>
        <translation>कॉलिंग समय (&amp;H)</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>कोई सीमा नहीं</translation>
    </message>
    <message>
        <source>Calls that may have rung, counted from today&apos;s call history</source>
        <translation>जिन कॉल की घंटी बजी हो सकती है, आज के कॉल इतिहास से गिनी गईं</translation>
    </message>
    <message>
        <source>Calls per number a &amp;day</source>
        <translation>एक नंबर पर प्रतिदिन कॉल (&amp;D)</translation>
    </message>
    <message>
        <source>{example} or https://…</source>
        <translation>{example} या https://…</translation>
    </message>
    <message>
        <source>R&amp;ead now</source>
        <translation>अभी पढ़ें (&amp;E)</translation>
    </message>
    <message>
        <source>Read the team&apos;s list again now (it is read hourly)</source>
        <translation>टीम की सूची अभी दोबारा पढ़ें (यह हर घंटे पढ़ी जाती है)</translation>
    </message>
    <message>
        <source>A file (a network share) or an https:// address, read at start and every hour. If it cannot be read, the last copy read stays in use.</source>
        <translation>एक फ़ाइल (नेटवर्क शेयर) या https:// पता, जो शुरू में और हर घंटे पढ़ा जाता है। अगर यह पढ़ा न जा सके, तो पिछली पढ़ी गई कॉपी ही इस्तेमाल होती रहती है।</translation>
    </message>
    <message>
        <source>Team&apos;s do-not-call l&amp;ist</source>
        <translation>टीम की &apos;कॉल न करें&apos; सूची (&amp;I)</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source> A report was saved to {path}.</source>
        <translation> रिपोर्ट {path} में सहेजी गई।</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>कुछ गड़बड़ हो गई</translation>
    </message>
    <message>
        <source>The dialer hit an unexpected error ({error}).</source>
        <translation>डायलर में एक अनपेक्षित त्रुटि हुई ({error})।</translation>
    </message>
    <message>
        <source>You can keep working; if it happens again, send the report and Help › Copy diagnostics to your IT team.</source>
        <translation>आप काम जारी रख सकते हैं; अगर यह फिर से हो, तो रिपोर्ट और सहायता › निदान कॉपी करें अपनी IT टीम को भेजें।</translation>
    </message>
</context>
<context>
    <name>DoNotCallTab</name>
    <message>
        <source>by hand</source>
        <translation>हाथ से</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>आयातित</translation>
    </message>
    <message>
        <source>call list</source>
        <translation>कॉल सूची</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>नंबर</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>नोट</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>जोड़ा गया</translation>
    </message>
    <message>
        <source>How</source>
        <translation>कैसे</translation>
    </message>
    <message>
        <source>Numbers here are never called, from any surface. Your team&apos;s shared list (Compliance tab) applies too.</source>
        <translation>यहाँ के नंबरों पर कभी कॉल नहीं होती, कहीं से भी। आपकी टीम की साझा सूची (अनुपालन टैब) भी लागू होती है।</translation>
    </message>
    <message>
        <source>Find a number or a note</source>
        <translation>नंबर या नोट खोजें</translation>
    </message>
    <message>
        <source>Find in the do-not-call list</source>
        <translation>&apos;कॉल न करें&apos; सूची में खोजें</translation>
    </message>
    <message>
        <source>Do-not-call list</source>
        <translation>&apos;कॉल न करें&apos; सूची</translation>
    </message>
    <message>
        <source>Delete takes the selected numbers off</source>
        <translation>Delete चुने गए नंबर हटाता है</translation>
    </message>
    <message>
        <source>Number to add</source>
        <translation>जोड़ने के लिए नंबर</translation>
    </message>
    <message>
        <source>Note (why)</source>
        <translation>नोट (क्यों)</translation>
    </message>
    <message>
        <source>A&amp;dd</source>
        <translation>जोड़ें (&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>हटाएँ (&amp;R)</translation>
    </message>
    <message>
        <source>Take the selected numbers off the list (Delete)</source>
        <translation>चुने गए नंबर सूची से हटाएँ (Delete)</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>आयात करें… (&amp;I)</translation>
    </message>
    <message>
        <source>Add the numbers of a CSV file or of a list, one a line</source>
        <translation>CSV फ़ाइल या सूची के नंबर जोड़ें, हर पंक्ति में एक</translation>
    </message>
    <message numerus="yes">
        <source>Numbers on your list: %Ln</source>
        <translation>
            <numerusform>आपकी सूची में नंबर: %Ln</numerusform>
            <numerusform>आपकी सूची में नंबर: %Ln</numerusform>
        </translation>
    </message>
    <message>
        <source>Type the number to add.</source>
        <translation>जोड़ने के लिए नंबर लिखें।</translation>
    </message>
    <message>
        <source>Select the numbers to take off the list.</source>
        <translation>सूची से हटाने के लिए नंबर चुनें।</translation>
    </message>
</context>
<context>
    <name>InstanceFlow</name>
    <message>
        <source>This link has no number that can be called: {reason}</source>
        <translation>इस लिंक में कॉल करने लायक कोई नंबर नहीं है: {reason}</translation>
    </message>
    <message>
        <source>Press Call (or Enter) to dial {number}.</source>
        <translation>{number} डायल करने के लिए कॉल (या Enter) दबाएँ।</translation>
    </message>
</context>
<context>
    <name>QuickCallPopup</name>
    <message>
        <source>mobile</source>
        <translation>मोबाइल</translation>
    </message>
    <message>
        <source>work</source>
        <translation>ऑफ़िस</translation>
    </message>
    <message>
        <source>home</source>
        <translation>घर</translation>
    </message>
    <message>
        <source>main</source>
        <translation>मुख्य</translation>
    </message>
    <message>
        <source>fax</source>
        <translation>फ़ैक्स</translation>
    </message>
    <message>
        <source>other</source>
        <translation>अन्य</translation>
    </message>
    <message>
        <source>Quick call</source>
        <translation>झटपट कॉल</translation>
    </message>
    <message>
        <source>Number preview</source>
        <translation>नंबर पूर्वावलोकन</translation>
    </message>
    <message>
        <source>Number or contact to call</source>
        <translation>कॉल के लिए नंबर या संपर्क</translation>
    </message>
    <message>
        <source>Down and Up pick a matching contact, Enter calls, Esc closes</source>
        <translation>नीचे और ऊपर तीर मिलता संपर्क चुनते हैं, Enter कॉल करता है, Esc बंद करता है</translation>
    </message>
    <message>
        <source>Number or contact name</source>
        <translation>नंबर या संपर्क का नाम</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>कॉल करें</translation>
    </message>
    <message>
        <source>Call (Enter) · Esc closes</source>
        <translation>कॉल करें (Enter) · Esc बंद करता है</translation>
    </message>
    <message>
        <source>Matching contacts</source>
        <translation>मिलते संपर्क</translation>
    </message>
    <message>
        <source>Rings your softphone first</source>
        <translation>पहले आपका सॉफ़्टफ़ोन बजेगा</translation>
    </message>
    <message>
        <source>Rings your mobile first</source>
        <translation>पहले आपका मोबाइल बजेगा</translation>
    </message>
    <message>
        <source>Call {name} · {number}</source>
        <translation>{name} को कॉल करें · {number}</translation>
    </message>
    <message>
        <source>Type a number, or a name to search contacts</source>
        <translation>नंबर लिखें, या संपर्क खोजने के लिए नाम</translation>
    </message>
    <message>
        <source>No contact or number matches</source>
        <translation>कोई संपर्क या नंबर नहीं मिला</translation>
    </message>
    <message>
        <source>Not a phone number</source>
        <translation>यह फ़ोन नंबर नहीं है</translation>
    </message>
</context>
<context>
    <name>RegionCombo</name>
    <message>
        <source>Default region</source>
        <translation>डिफ़ॉल्ट क्षेत्र</translation>
    </message>
    <message>
        <source>Numbers typed without a country code are read as numbers of this country</source>
        <translation>बिना देश कोड के लिखे नंबर इसी देश के नंबर माने जाते हैं</translation>
    </message>
</context>
<context>
    <name>SecretField</name>
    <message>
        <source>App secret</source>
        <translation>ऐप सीक्रेट</translation>
    </message>
    <message>
        <source>App secret from the TeleCMI admin panel</source>
        <translation>TeleCMI एडमिन पैनल से ऐप सीक्रेट</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>दिखाएँ</translation>
    </message>
    <message>
        <source>Show or hide the secret</source>
        <translation>सीक्रेट दिखाएँ या छिपाएँ</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>छिपाएँ</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source> (set by your administrator)</source>
        <translation> (आपके एडमिनिस्ट्रेटर ने सेट किया)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>सेटिंग्स</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>सेटिंग्स के पेज</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>खाता (&amp;A)</translation>
    </message>
    <message>
        <source>Ca&amp;lling</source>
        <translation>कॉलिंग (&amp;L)</translation>
    </message>
    <message>
        <source>Co&amp;nnection</source>
        <translation>कनेक्शन (&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Window</source>
        <translation>विंडो (&amp;W)</translation>
    </message>
    <message>
        <source>Co&amp;mpliance</source>
        <translation>अनुपालन (&amp;M)</translation>
    </message>
    <message>
        <source>Do no&amp;t call</source>
        <translation>कॉल न करें (&amp;T)</translation>
    </message>
    <message>
        <source>&amp;OK</source>
        <translation>ठीक है (&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>रद्द करें (&amp;C)</translation>
    </message>
    <message>
        <source>e.g. 101_1111112</source>
        <translation>जैसे 101_1111112</translation>
    </message>
    <message>
        <source>User &amp;id</source>
        <translation>यूज़र ID (&amp;I)</translation>
    </message>
    <message>
        <source>Replace secret</source>
        <translation>सीक्रेट बदलें</translation>
    </message>
    <message>
        <source>Leave empty to keep the stored secret</source>
        <translation>सहेजा गया सीक्रेट रखने के लिए खाली छोड़ें</translation>
    </message>
    <message>
        <source>&amp;Replace secret</source>
        <translation>सीक्रेट बदलें (&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Forget account…</source>
        <translation>खाता भूलें… (&amp;F)</translation>
    </message>
    <message>
        <source>Remove the secret from the keyring and clear the user id</source>
        <translation>कीरिंग से सीक्रेट हटाएँ और यूज़र ID मिटाएँ</translation>
    </message>
    <message>
        <source>Softphone (webrtc)</source>
        <translation>सॉफ़्टफ़ोन (webrtc)</translation>
    </message>
    <message>
        <source>Mobile (follow-me)</source>
        <translation>मोबाइल (फ़ॉलो-मी)</translation>
    </message>
    <message>
        <source>Default mod&amp;e</source>
        <translation>डिफ़ॉल्ट मोड (&amp;E)</translation>
    </message>
    <message>
        <source>Default &amp;region</source>
        <translation>डिफ़ॉल्ट क्षेत्र (&amp;R)</translation>
    </message>
    <message>
        <source>Caller &amp;ids</source>
        <translation>कॉलर ID (&amp;I)</translation>
    </message>
    <message>
        <source>A JSON object sent with every call, e.g. {example}</source>
        <translation>हर कॉल के साथ भेजा जाने वाला JSON ऑब्जेक्ट, जैसे {example}</translation>
    </message>
    <message>
        <source>e&amp;xtra_params</source>
        <translation>extra_params (&amp;X)</translation>
    </message>
    <message>
        <source> s</source>
        <translation> सेकंड</translation>
    </message>
    <message>
        <source>off</source>
        <translation>बंद</translation>
    </message>
    <message>
        <source>A number called this recently is not called again by a second click, Enter or link: the window offers Call again instead</source>
        <translation>हाल ही में कॉल किए गए नंबर पर दूसरे क्लिक, Enter या लिंक से फिर कॉल नहीं होती: विंडो इसके बजाय &apos;फिर से कॉल करें&apos; दिखाती है</translation>
    </message>
    <message>
        <source>Hold &amp;back repeat calls</source>
        <translation>दोहराई कॉल रोकें (&amp;B)</translation>
    </message>
    <message>
        <source>Opened in your browser when a call is accepted; the fields {fields} are filled in</source>
        <translation>कॉल स्वीकार होने पर आपके ब्राउज़र में खुलता है; फ़ील्ड {fields} भरे जाते हैं</translation>
    </message>
    <message>
        <source>Your CRM&apos;s page for the call, opened in the browser when a call is accepted; {fields} are filled in.</source>
        <translation>कॉल के लिए आपके CRM का पेज, जो कॉल स्वीकार होने पर ब्राउज़र में खुलता है; {fields} भरे जाते हैं।</translation>
    </message>
    <message>
        <source>O&amp;pen after a call</source>
        <translation>कॉल के बाद खोलें (&amp;P)</translation>
    </message>
    <message>
        <source>Caller ids</source>
        <translation>कॉलर ID</translation>
    </message>
    <message>
        <source>Caller id to add</source>
        <translation>जोड़ने के लिए कॉलर ID</translation>
    </message>
    <message>
        <source>A&amp;dd</source>
        <translation>जोड़ें (&amp;D)</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>हटाएँ (&amp;V)</translation>
    </message>
    <message>
        <source>Make de&amp;fault</source>
        <translation>डिफ़ॉल्ट बनाएँ (&amp;F)</translation>
    </message>
    <message>
        <source>API &amp;base URL</source>
        <translation>API बेस URL (&amp;B)</translation>
    </message>
    <message>
        <source>Conn&amp;ect timeout</source>
        <translation>कनेक्ट टाइमआउट (&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Request timeout</source>
        <translation>अनुरोध टाइमआउट (&amp;R)</translation>
    </message>
    <message>
        <source>empty: system proxy settings</source>
        <translation>खाली: सिस्टम की प्रॉक्सी सेटिंग्स</translation>
    </message>
    <message>
        <source>&amp;Proxy</source>
        <translation>प्रॉक्सी (&amp;P)</translation>
    </message>
    <message>
        <source>POST with JSON body (recommended)</source>
        <translation>JSON बॉडी के साथ POST (अनुशंसित)</translation>
    </message>
    <message>
        <source>GET with query string</source>
        <translation>क्वेरी स्ट्रिंग के साथ GET</translation>
    </message>
    <message>
        <source>Met&amp;hod</source>
        <translation>तरीका (&amp;H)</translation>
    </message>
    <message>
        <source>Calls go to the built-in sandbox (no phone rings): sandbox mode is on, from --sandbox on the command line or “Try the sandbox”. The API base URL below is saved, but not used until the dialer runs without the sandbox.</source>
        <translation>कॉल अंतर्निहित सैंडबॉक्स पर जाती हैं (कोई फ़ोन नहीं बजता): सैंडबॉक्स मोड चालू है, कमांड लाइन के --sandbox या “सैंडबॉक्स आज़माएँ” से। नीचे का API बेस URL सहेजा रहता है, पर डायलर के बिना सैंडबॉक्स चलने तक इस्तेमाल नहीं होता।</translation>
    </message>
    <message>
        <source>Calls go to {address}: --api-base on the command line overrides the API base URL below. A URL saved here is not used while the dialer is started with it.</source>
        <translation>कॉल {address} पर जाती हैं: कमांड लाइन का --api-base नीचे दिए API बेस URL की जगह लेता है। जब तक डायलर इसके साथ शुरू होता है, यहाँ सहेजा URL इस्तेमाल नहीं होता।</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>सिस्टम डिफ़ॉल्ट</translation>
    </message>
    <message>
        <source>Dialogs opened from now on use the new language; the main window changes when the dialer restarts.</source>
        <translation>अब से खुलने वाले डायलॉग नई भाषा में होंगे; मुख्य विंडो डायलर दोबारा शुरू होने पर बदलेगी।</translation>
    </message>
    <message>
        <source>Lan&amp;guage</source>
        <translation>भाषा (&amp;G)</translation>
    </message>
    <message>
        <source>Closing the window &amp;keeps the dialer in the tray</source>
        <translation>विंडो बंद करने पर डायलर ट्रे में चलता रहे (&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Start in the tray</source>
        <translation>ट्रे में शुरू करें (&amp;S)</translation>
    </message>
    <message>
        <source>This desktop has no system tray</source>
        <translation>इस डेस्कटॉप में सिस्टम ट्रे नहीं है</translation>
    </message>
    <message>
        <source>Start the dialer when I log &amp;in</source>
        <translation>लॉग इन करने पर डायलर शुरू करें (&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Dial tel: links immediately (otherwise they only fill in the number)</source>
        <translation>tel: लिंक तुरंत डायल करें (वरना वे सिर्फ़ नंबर भरते हैं) (&amp;D)</translation>
    </message>
    <message>
        <source>Off by default: a web page could otherwise make you call a number you did not choose</source>
        <translation>डिफ़ॉल्ट रूप से बंद: वरना कोई वेब पेज आपसे ऐसा नंबर डायल करवा सकता है जो आपने नहीं चुना</translation>
    </message>
    <message>
        <source>S&amp;how notifications for calls</source>
        <translation>कॉल की सूचनाएँ दिखाएँ (&amp;H)</translation>
    </message>
    <message>
        <source>forever</source>
        <translation>हमेशा</translation>
    </message>
    <message>
        <source>Keep call histor&amp;y (days)</source>
        <translation>कॉल इतिहास रखें (दिन) (&amp;Y)</translation>
    </message>
    <message>
        <source>{number} (default)</source>
        <translation>{number} (डिफ़ॉल्ट)</translation>
    </message>
    <message>
        <source>Caller id: {reason}</source>
        <translation>कॉलर ID: {reason}</translation>
    </message>
    <message>
        <source>Set by your administrator</source>
        <translation>आपके एडमिनिस्ट्रेटर ने सेट किया</translation>
    </message>
    <message>
        <source>Some settings are set by your administrator and cannot be changed here.</source>
        <translation>कुछ सेटिंग्स आपके एडमिनिस्ट्रेटर ने सेट की हैं और यहाँ बदली नहीं जा सकतीं।</translation>
    </message>
    <message>
        <source>✓ valid JSON object</source>
        <translation>✓ सही JSON ऑब्जेक्ट</translation>
    </message>
</context>
<context>
    <name>SettingsFlow</name>
    <message>
        <source>Settings could not be saved: {error}</source>
        <translation>सेटिंग्स सहेजी नहीं जा सकीं: {error}</translation>
    </message>
    <message>
        <source>The language was changed: dialogs use it now, the main window after you restart the dialer.</source>
        <translation>भाषा बदल दी गई: डायलॉग अभी से इसका इस्तेमाल करेंगे, मुख्य विंडो डायलर दोबारा शुरू करने के बाद।</translation>
    </message>
    <message>
        <source>Start at login could not be changed: {error}</source>
        <translation>लॉग इन पर शुरू होना बदला नहीं जा सका: {error}</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>Set up your TeleCMI account</source>
        <translation>अपना TeleCMI खाता सेट करें</translation>
    </message>
    <message>
        <source>Enter the user id and app secret of your TeleCMI account. The secret is kept in your system keyring, never in a file.</source>
        <translation>अपने TeleCMI खाते की यूज़र ID और ऐप सीक्रेट डालें। सीक्रेट आपके सिस्टम की कीरिंग में रखा जाता है, कभी किसी फ़ाइल में नहीं।</translation>
    </message>
    <message>
        <source>e.g. 101_1111112</source>
        <translation>जैसे 101_1111112</translation>
    </message>
    <message>
        <source>&amp;User id</source>
        <translation>यूज़र ID (&amp;U)</translation>
    </message>
    <message>
        <source>App &amp;secret</source>
        <translation>ऐप सीक्रेट (&amp;S)</translation>
    </message>
    <message>
        <source>Soft&amp;phone on this computer</source>
        <translation>इस कंप्यूटर पर सॉफ़्टफ़ोन (&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Mobile (follow-me)</source>
        <translation>मोबाइल (फ़ॉलो-मी) (&amp;M)</translation>
    </message>
    <message>
        <source>Ring first</source>
        <translation>पहले बजे</translation>
    </message>
    <message>
        <source>Default &amp;region</source>
        <translation>डिफ़ॉल्ट क्षेत्र (&amp;R)</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>सहेजें (&amp;V)</translation>
    </message>
    <message>
        <source>Keep for this session &amp;only</source>
        <translation>सिर्फ़ इस सत्र के लिए रखें (&amp;O)</translation>
    </message>
    <message>
        <source>Use the secret until the app quits; nothing is stored</source>
        <translation>ऐप बंद होने तक सीक्रेट इस्तेमाल करें; कुछ भी सहेजा नहीं जाता</translation>
    </message>
    <message>
        <source>Try the sand&amp;box</source>
        <translation>सैंडबॉक्स आज़माएँ (&amp;B)</translation>
    </message>
    <message>
        <source>Use the built-in demo server: no account, no real calls</source>
        <translation>अंतर्निहित डेमो सर्वर इस्तेमाल करें: कोई खाता नहीं, कोई असली कॉल नहीं</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>रद्द करें (&amp;C)</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>सहेजा जा रहा है…</translation>
    </message>
    <message>
        <source>Storing the secret in the system keyring…</source>
        <translation>सीक्रेट सिस्टम की कीरिंग में रखा जा रहा है…</translation>
    </message>
    <message>
        <source>Waiting for the keyring: a password prompt may be open. Answer it to store the secret; it may be behind this window.</source>
        <translation>कीरिंग का इंतज़ार: शायद पासवर्ड पूछने वाली विंडो खुली है। सीक्रेट सहेजने के लिए उसका जवाब दें; वह इस विंडो के पीछे हो सकती है।</translation>
    </message>
    <message>
        <source>Enter the user id and the app secret, then press Enter.</source>
        <translation>यूज़र ID और ऐप सीक्रेट डालें, फिर Enter दबाएँ।</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <source>Call placed</source>
        <translation>कॉल लगाई गई</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>विफल</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>रद्द</translation>
    </message>
    <message>
        <source>&amp;Softphone</source>
        <translation>सॉफ़्टफ़ोन (&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Mobile (follow-me)</source>
        <translation>मोबाइल (फ़ॉलो-मी) (&amp;M)</translation>
    </message>
    <message>
        <source>Calls ring your softphone first</source>
        <translation>कॉल पर पहले आपका सॉफ़्टफ़ोन बजता है</translation>
    </message>
    <message>
        <source>Calls ring your mobile first</source>
        <translation>कॉल पर पहले आपका मोबाइल बजता है</translation>
    </message>
    <message>
        <source>Quick &amp;call…</source>
        <translation>झटपट कॉल… (&amp;C)</translation>
    </message>
    <message>
        <source>Call number from clip&amp;board</source>
        <translation>क्लिपबोर्ड का नंबर कॉल करें (&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Favorites</source>
        <translation>पसंदीदा (&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Recent calls</source>
        <translation>हाल की कॉल (&amp;R)</translation>
    </message>
    <message>
        <source>Hide &amp;window</source>
        <translation>विंडो छिपाएँ (&amp;W)</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>सेटिंग्स… (&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>बंद करें (&amp;Q)</translation>
    </message>
    <message>
        <source>Show &amp;window</source>
        <translation>विंडो दिखाएँ (&amp;W)</translation>
    </message>
    <message>
        <source>No favorites</source>
        <translation>कोई पसंदीदा नहीं</translation>
    </message>
    <message>
        <source>No recent calls</source>
        <translation>कोई हाल की कॉल नहीं</translation>
    </message>
    <message>
        <source>No phone number on the clipboard</source>
        <translation>क्लिपबोर्ड पर कोई फ़ोन नंबर नहीं</translation>
    </message>
    <message>
        <source>Call {number} from clip&amp;board</source>
        <translation>क्लिपबोर्ड से {number} कॉल करें (&amp;B)</translation>
    </message>
    <message>
        <source>{app} — calling {number}</source>
        <translation>{app} — {number} को कॉल हो रही है</translation>
    </message>
    <message>
        <source>{app} — calling…</source>
        <translation>{app} — कॉल हो रही है…</translation>
    </message>
    <message>
        <source>{app} — last call failed ({number})</source>
        <translation>{app} — पिछली कॉल विफल ({number})</translation>
    </message>
    <message>
        <source>{app} — last call failed</source>
        <translation>{app} — पिछली कॉल विफल</translation>
    </message>
</context>
<context>
    <name>TrayFlow</name>
    <message>
        <source>No phone number found in the clipboard.</source>
        <translation>क्लिपबोर्ड में कोई फ़ोन नंबर नहीं मिला।</translation>
    </message>
    <message>
        <source>{number}: your mobile rings first.</source>
        <translation>{number}: पहले आपका मोबाइल बजेगा।</translation>
    </message>
    <message>
        <source>{number}: your softphone rings first.</source>
        <translation>{number}: पहले आपका सॉफ़्टफ़ोन बजेगा।</translation>
    </message>
    <message>
        <source>Call initiated</source>
        <translation>कॉल शुरू हुई</translation>
    </message>
    <message>
        <source>Call not placed</source>
        <translation>कॉल नहीं लगी</translation>
    </message>
    <message>
        <source>Call failed</source>
        <translation>कॉल विफल</translation>
    </message>
</context>
</TS>
