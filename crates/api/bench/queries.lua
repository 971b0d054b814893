-- wrk script: cycles through the search queries of the relevance evaluation set.
-- Usage: wrk -t2 -c8 -d20s -s crates/api/bench/queries.lua http://127.0.0.1:8080
local paths = {
  "/search?q=fund%20use%20restrictions&limit=10",
  "/search?q=%E8%B5%84%E9%87%91%E4%BD%BF%E7%94%A8%E8%8C%83%E5%9B%B4&limit=10",
  "/search?q=application%20deadline%20for%20the%20second%20batch%20of%20pilot%20cities&limit=10",
  "/search?q=how%20many%20cities%20can%20each%20province%20recommend&limit=10",
  "/search?q=maximum%20grant%20for%20each%20selected%20city&limit=10",
  "/search?q=major%20project%20investment%20threshold&limit=10",
  "/search?q=CNC%20rate%20of%20key%20processes%20by%202027&limit=10",
  "/search?q=%E7%8B%AC%E7%94%9F%E5%AD%90%E5%A5%B3%E8%B5%A1%E5%85%BB%E8%80%81%E4%BA%BA%E6%89%A3%E9%99%A4%E6%A0%87%E5%87%86&limit=10",
  "/search?q=2019%E5%B9%B4%E6%98%A5%E8%8A%82%E6%94%BE%E5%81%87%E5%AE%89%E6%8E%92&limit=10",
  "/search?q=%E8%9E%8D%E8%B5%84%E6%8B%85%E4%BF%9D%E6%9C%BA%E6%9E%84%E8%83%BD%E5%90%A6%E4%B8%BA%E6%94%BF%E5%BA%9C%E5%80%BA%E5%88%B8%E5%8F%91%E8%A1%8C%E6%8F%90%E4%BE%9B%E6%8B%85%E4%BF%9D&limit=10",
  "/search?q=%E6%B5%B7%E7%BB%B5%E5%9F%8E%E5%B8%82%E7%A4%BA%E8%8C%83%E7%94%B3%E6%8A%A5%E6%9D%A1%E4%BB%B6%20%E9%99%8D%E9%9B%A8%E9%87%8F&limit=10",
  "/search?q=%E4%BE%9B%E5%BA%94%E5%95%86%E5%8F%82%E5%8A%A0%E6%94%BF%E5%BA%9C%E9%87%87%E8%B4%AD%E6%B4%BB%E5%8A%A8%E7%9A%84%E6%9D%A1%E4%BB%B6&limit=10",
  "/search?q=sponge%20city%20subsidy%20for%20western%20cities&limit=10",
  "/search?q=labeling%20of%20AI%20generated%20images%20and%20videos&limit=10",
  "/search?q=%E7%AC%AC%E4%BA%8C%E6%89%B9%E8%AF%95%E7%82%B9%E5%9F%8E%E5%B8%82%E7%94%B3%E6%8A%A5%E6%88%AA%E6%AD%A2%E6%97%B6%E9%97%B4&limit=10",
  "/search?q=%E5%A5%96%E8%A1%A5%E8%B5%84%E9%87%91%E4%B8%93%E6%AC%BE%E4%B8%93%E7%94%A8&limit=10",
  "/search?q=key%20industries%20applicant%20cities%20must%20select&limit=10",
  "/search?q=%E9%A2%84%E7%AE%97%E6%94%B6%E5%85%A5%E4%B8%8D%E5%BE%97%E6%88%AA%E7%95%99%E6%8C%AA%E7%94%A8&limit=10",
  "/search?q=income%20tax%20deduction%20for%20housing%20rent&limit=10",
  "/search?q=penalties%20for%20cities%20with%20poor%20performance%20evaluation&limit=10",
  "/search?q=%E7%94%9F%E6%88%90%E5%BC%8F%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD%E8%AE%AD%E7%BB%83%E6%95%B0%E6%8D%AE%20%E7%9F%A5%E8%AF%86%E4%BA%A7%E6%9D%83&limit=10",
  "/search?q=foreign%20ownership%20limit%20value-added%20telecom%20services&limit=10",
  "/search?q=%E4%B8%93%E5%88%A9%E4%BB%A3%E7%90%86%E5%B8%88%E8%83%BD%E5%90%A6%E5%90%8C%E6%97%B6%E5%9C%A8%E4%B8%A4%E4%B8%AA%E6%9C%BA%E6%9E%84%E6%89%A7%E4%B8%9A&limit=10",
  "/search?q=which%20regions%20are%20eligible%20to%20apply%20for%20the%20pilot%20program&limit=10",
}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
